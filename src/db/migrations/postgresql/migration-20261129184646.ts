import { Migration } from '@mikro-orm/migrations';

export class Migration20261129184646 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "siskia_alerts" ("id" uuid not null, "user_id" uuid not null, "at" timestamptz not null, "answer" varchar(64) null, "answered_at" timestamptz null, constraint "siskia_alerts_pkey" primary key ("id"));`);
    this.addSql(`create index "siskia_alerts_user_id_index" on "siskia_alerts" ("user_id");`);

    this.addSql(`create table "siskia_profiles" ("user_id" uuid not null, "channel" varchar(16) not null, "address" varchar(200) not null, "locale" varchar(8) not null, "status" varchar(16) not null, "consent_version" varchar(32) not null, "consent_at" timestamptz not null, "registered_by" varchar(16) not null, "puskesmas" varchar(100) null, "posyandu" varchar(100) null, "record_enc" text not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "siskia_profiles_pkey" primary key ("user_id"));`);
    this.addSql(`create index "siskia_profiles_puskesmas_index" on "siskia_profiles" ("puskesmas");`);
    this.addSql(`create index "siskia_profiles_status_user_id_index" on "siskia_profiles" ("status", "user_id");`);

    this.addSql(`create table "siskia_reminders" ("id" uuid not null, "user_id" uuid not null, "day" varchar(10) not null, "code" varchar(32) not null, "child_id" varchar(64) null, "days_before" int not null, "created_at" timestamptz not null, constraint "siskia_reminders_pkey" primary key ("id"));`);
    this.addSql(`alter table "siskia_reminders" add constraint "siskia_reminders_user_id_day_unique" unique ("user_id", "day");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "siskia_alerts" cascade;`);

    this.addSql(`drop table if exists "siskia_profiles" cascade;`);

    this.addSql(`drop table if exists "siskia_reminders" cascade;`);
  }

}
