import { Migration } from '@mikro-orm/migrations';

export class Migration20261129215156 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "officer_accounts" ("id" uuid not null, "username" varchar(64) not null, "display_name" varchar(200) not null, "role" varchar(16) not null, "office" varchar(64) null, "puskesmas" varchar(100) null, "password_hash" varchar(255) not null, "must_change_password" boolean not null, "created_at" timestamptz not null, "password_changed_at" timestamptz null, "disabled_at" timestamptz null, constraint "officer_accounts_pkey" primary key ("id"));`);
    this.addSql(`alter table "officer_accounts" add constraint "officer_accounts_username_unique" unique ("username");`);

    this.addSql(`create table "officer_audit" ("id" serial primary key, "at" timestamptz not null, "account_id" uuid null, "action" varchar(64) not null, "target" varchar(200) null, "detail" text null, "ip" varchar(64) null);`);
    this.addSql(`create index "officer_audit_at_index" on "officer_audit" ("at");`);
    this.addSql(`create index "officer_audit_account_id_index" on "officer_audit" ("account_id");`);

    this.addSql(`create table "officer_sessions" ("id" varchar(64) not null, "account_id" uuid not null, "csrf_token" varchar(64) not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "last_seen_at" timestamptz not null, constraint "officer_sessions_pkey" primary key ("id"));`);
    this.addSql(`create index "officer_sessions_account_id_index" on "officer_sessions" ("account_id");`);
    this.addSql(`create index "officer_sessions_expires_at_index" on "officer_sessions" ("expires_at");`);

    this.addSql(`alter table "officer_sessions" add constraint "officer_sessions_account_id_foreign" foreign key ("account_id") references "officer_accounts" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "officer_sessions" drop constraint "officer_sessions_account_id_foreign";`);

    this.addSql(`drop table if exists "officer_accounts" cascade;`);

    this.addSql(`drop table if exists "officer_audit" cascade;`);

    this.addSql(`drop table if exists "officer_sessions" cascade;`);
  }

}
