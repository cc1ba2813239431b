import { Migration } from '@mikro-orm/migrations';

export class Migration20261129211648 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "lpse_alerts" ("id" uuid not null, "user_id" uuid not null, "kode" varchar(32) not null, "kind" varchar(16) not null, "key" varchar(100) not null, "day" varchar(10) not null, "status" varchar(12) not null, "created_at" timestamptz not null, constraint "lpse_alerts_pkey" primary key ("id"));`);
    this.addSql(`create index "lpse_alerts_status_user_id_index" on "lpse_alerts" ("status", "user_id");`);
    this.addSql(`create index "lpse_alerts_user_id_day_index" on "lpse_alerts" ("user_id", "day");`);
    this.addSql(`alter table "lpse_alerts" add constraint "lpse_alerts_user_id_kode_kind_key_unique" unique ("user_id", "kode", "kind", "key");`);

    this.addSql(`create table "lpse_follows" ("id" uuid not null, "user_id" uuid not null, "kode" varchar(32) not null, "created_at" timestamptz not null, constraint "lpse_follows_pkey" primary key ("id"));`);
    this.addSql(`create index "lpse_follows_kode_index" on "lpse_follows" ("kode");`);
    this.addSql(`alter table "lpse_follows" add constraint "lpse_follows_user_id_kode_unique" unique ("user_id", "kode");`);

    this.addSql(`create table "lpse_polls" ("id" uuid not null, "source" varchar(16) not null, "started_at" timestamptz not null, "finished_at" timestamptz not null, "ok" boolean not null, "error" text null, "listed" int not null, "created" int not null, "changed" int not null, "alerts" int not null, constraint "lpse_polls_pkey" primary key ("id"));`);
    this.addSql(`create index "lpse_polls_started_at_index" on "lpse_polls" ("started_at");`);

    this.addSql(`create table "lpse_subscriptions" ("id" uuid not null, "user_id" uuid not null, "criteria" text not null, "created_at" timestamptz not null, constraint "lpse_subscriptions_pkey" primary key ("id"));`);
    this.addSql(`create index "lpse_subscriptions_user_id_index" on "lpse_subscriptions" ("user_id");`);

    this.addSql(`create table "lpse_tenders" ("kode" varchar(32) not null, "source" varchar(8) not null, "name" text not null, "open" boolean not null, "hash" varchar(64) not null, "schedule_hash" varchar(64) null, "upload_deadline" timestamptz null, "data" text not null, "first_seen" timestamptz not null, "last_changed" timestamptz not null, "detail_at" timestamptz null, "detail_tries" int not null, "matched_at" timestamptz null, constraint "lpse_tenders_pkey" primary key ("kode"));`);
    this.addSql(`create index "lpse_tenders_upload_deadline_index" on "lpse_tenders" ("upload_deadline");`);
    this.addSql(`create index "lpse_tenders_open_first_seen_index" on "lpse_tenders" ("open", "first_seen");`);

    this.addSql(`create table "lpse_vendors" ("user_id" uuid not null, "channel" varchar(16) not null, "address" varchar(200) not null, "locale" varchar(8) not null, "digest" boolean not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "lpse_vendors_pkey" primary key ("user_id"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "lpse_alerts" cascade;`);

    this.addSql(`drop table if exists "lpse_follows" cascade;`);

    this.addSql(`drop table if exists "lpse_polls" cascade;`);

    this.addSql(`drop table if exists "lpse_subscriptions" cascade;`);

    this.addSql(`drop table if exists "lpse_tenders" cascade;`);

    this.addSql(`drop table if exists "lpse_vendors" cascade;`);
  }

}
