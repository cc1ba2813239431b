import { Migration } from '@mikro-orm/migrations';

export class Migration20261129182119 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "admin_tokens" ("id" uuid not null, "name" varchar(200) not null, "token_hash" varchar(64) not null, "scope" varchar(16) not null, "office" varchar(64) null, "created_at" timestamptz not null, "revoked_at" timestamptz null, constraint "admin_tokens_pkey" primary key ("id"));`);
    this.addSql(`alter table "admin_tokens" add constraint "admin_tokens_token_hash_unique" unique ("token_hash");`);

    this.addSql(`create table "complaints" ("id" uuid not null, "ticket" varchar(20) not null, "idempotency_key" varchar(200) not null, "source" varchar(16) not null, "reporter_user_id" uuid null, "reporter_channel" varchar(16) null, "reporter_address" varchar(200) null, "reporter_locale" varchar(8) null, "reporter_name" varchar(200) null, "reporter_email" varchar(254) null, "type" varchar(16) not null, "category" varchar(32) not null, "description" text not null, "location_text" text null, "lat" double precision null, "lon" double precision null, "kelurahan" varchar(100) null, "kelurahan_code" varchar(20) null, "kecamatan" varchar(100) null, "photos" jsonb not null, "incident_date" varchar(10) null, "privacy" varchar(16) not null, "office" varchar(64) not null, "state" varchar(32) not null, "state_note" text null, "duplicate_of" varchar(64) null, "referred_to" varchar(200) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "verify_due_at" timestamptz not null, "response_due_at" timestamptz not null, "responded_at" timestamptz null, "resolved_at" timestamptz null, "closed_at" timestamptz null, "escalated_at" timestamptz null, "overdue" boolean not null default false, "rating" int null, "reopen_count" int not null default 0, "supporter_count" int not null default 0, constraint "complaints_pkey" primary key ("id"));`);
    this.addSql(`alter table "complaints" add constraint "complaints_ticket_unique" unique ("ticket");`);
    this.addSql(`alter table "complaints" add constraint "complaints_idempotency_key_unique" unique ("idempotency_key");`);
    this.addSql(`create index "complaints_reporter_user_id_index" on "complaints" ("reporter_user_id");`);
    this.addSql(`create index "complaints_created_at_index" on "complaints" ("created_at");`);
    this.addSql(`create index "complaints_updated_at_index" on "complaints" ("updated_at");`);
    this.addSql(`create index "complaints_category_state_index" on "complaints" ("category", "state");`);
    this.addSql(`create index "complaints_office_state_index" on "complaints" ("office", "state");`);
    this.addSql(`create index "complaints_state_created_at_index" on "complaints" ("state", "created_at");`);
    this.addSql(`create index "complaints_kelurahan_code_index" on "complaints" ("kelurahan_code");`);
    this.addSql(`create index complaints_public_created_at_index on complaints (created_at, state) where privacy <> 'rahasia';`);
    this.addSql(`create index complaints_overdue_created_at_index on complaints (created_at) where overdue;`);

    this.addSql(`create table "complaint_events" ("id" uuid not null, "complaint_id" uuid not null, "seq" int not null, "at" timestamptz not null, "actor" varchar(200) not null, "kind" varchar(16) not null, "from_state" varchar(32) null, "to_state" varchar(32) null, "note" text null, "visible_to_reporter" boolean not null, constraint "complaint_events_pkey" primary key ("id"));`);
    this.addSql(`alter table "complaint_events" add constraint "complaint_events_complaint_id_seq_unique" unique ("complaint_id", "seq");`);

    this.addSql(`create table "complaint_supporters" ("id" uuid not null, "complaint_id" uuid not null, "user_id" uuid not null, "channel" varchar(16) not null, "address" varchar(200) not null, "locale" varchar(8) not null, "created_at" timestamptz not null, constraint "complaint_supporters_pkey" primary key ("id"));`);
    this.addSql(`create index "complaint_supporters_user_id_index" on "complaint_supporters" ("user_id");`);
    this.addSql(`alter table "complaint_supporters" add constraint "complaint_supporters_complaint_id_user_id_unique" unique ("complaint_id", "user_id");`);

    this.addSql(`create table "ticket_counters" ("year" int not null, "last" int not null, constraint "ticket_counters_pkey" primary key ("year"));`);

    this.addSql(`alter table "complaint_events" add constraint "complaint_events_complaint_id_foreign" foreign key ("complaint_id") references "complaints" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "complaint_supporters" add constraint "complaint_supporters_complaint_id_foreign" foreign key ("complaint_id") references "complaints" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "complaint_events" drop constraint "complaint_events_complaint_id_foreign";`);

    this.addSql(`alter table "complaint_supporters" drop constraint "complaint_supporters_complaint_id_foreign";`);

    this.addSql(`drop table if exists "admin_tokens" cascade;`);

    this.addSql(`drop table if exists "complaints" cascade;`);

    this.addSql(`drop table if exists "complaint_events" cascade;`);

    this.addSql(`drop table if exists "complaint_supporters" cascade;`);

    this.addSql(`drop table if exists "ticket_counters" cascade;`);
  }

}
