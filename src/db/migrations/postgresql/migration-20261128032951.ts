import { Migration } from '@mikro-orm/migrations';

export class Migration20261128032951 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "conversations" ("user_id" uuid not null, "flow" varchar(64) null, "step" varchar(64) not null, "data" jsonb not null, "choices" jsonb null, "expires_at" timestamptz not null, "updated_at" timestamptz not null, constraint "conversations_pkey" primary key ("user_id"));`);

    this.addSql(`create table "inbound_messages" ("id" uuid not null, "channel" varchar(16) not null, "platform_message_id" varchar(200) null, "user_id" uuid not null, "received_at" timestamptz not null, constraint "inbound_messages_pkey" primary key ("id"));`);
    this.addSql(`create index "inbound_messages_user_id_index" on "inbound_messages" ("user_id");`);
    this.addSql(`alter table "inbound_messages" add constraint "inbound_messages_channel_platform_message_id_unique" unique ("channel", "platform_message_id");`);

    this.addSql(`create table "outbound_messages" ("id" uuid not null, "user_id" uuid null, "channel" varchar(16) not null, "address" varchar(200) not null, "kind" varchar(16) not null, "payload" jsonb not null, "status" varchar(16) not null, "attempts" int not null default 0, "last_error" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "outbound_messages_pkey" primary key ("id"));`);
    this.addSql(`create index "outbound_messages_user_id_index" on "outbound_messages" ("user_id");`);
    this.addSql(`create index "outbound_messages_status_index" on "outbound_messages" ("status");`);

    this.addSql(`create table "users" ("id" uuid not null, "locale" varchar(8) not null, "display_name" varchar(200) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "users_pkey" primary key ("id"));`);

    this.addSql(`create table "channel_identities" ("id" uuid not null, "user_id" uuid not null, "channel" varchar(16) not null, "address" varchar(200) not null, "unreachable" boolean not null default false, "created_at" timestamptz not null, "last_seen_at" timestamptz not null, constraint "channel_identities_pkey" primary key ("id"));`);
    this.addSql(`alter table "channel_identities" add constraint "channel_identities_channel_address_unique" unique ("channel", "address");`);

    this.addSql(`alter table "channel_identities" add constraint "channel_identities_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "channel_identities" drop constraint "channel_identities_user_id_foreign";`);

    this.addSql(`drop table if exists "conversations" cascade;`);

    this.addSql(`drop table if exists "inbound_messages" cascade;`);

    this.addSql(`drop table if exists "outbound_messages" cascade;`);

    this.addSql(`drop table if exists "users" cascade;`);

    this.addSql(`drop table if exists "channel_identities" cascade;`);
  }

}
