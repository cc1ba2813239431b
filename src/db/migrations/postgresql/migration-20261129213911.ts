import { Migration } from '@mikro-orm/migrations';

export class Migration20261129213911 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "whatsapp_creds" ("session" varchar(64) not null, "data" text not null, "updated_at" timestamptz not null, constraint "whatsapp_creds_pkey" primary key ("session"));`);

    this.addSql(`create table "whatsapp_keys" ("session" varchar(64) not null, "type" varchar(32) not null, "key_id" text not null, "data" text not null, "updated_at" timestamptz not null, constraint "whatsapp_keys_pkey" primary key ("session", "type", "key_id"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "whatsapp_creds" cascade;`);

    this.addSql(`drop table if exists "whatsapp_keys" cascade;`);
  }

}
