import { Migration } from '@mikro-orm/migrations';

export class Migration20261129191023 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "places" ("id" varchar(64) not null, "name" varchar(200) not null, "aliases" jsonb not null, "category" varchar(16) not null, "subcategory" varchar(100) null, "tags" jsonb not null, "address" varchar(300) null, "kelurahan" varchar(100) null, "kecamatan" varchar(100) null, "kelurahan_code" varchar(20) null, "lat" double precision not null, "lon" double precision not null, "coord_precision" varchar(16) not null, "opening_hours" varchar(255) null, "hours_text" text null, "price_level" int null, "price_text" text null, "sources" text not null, "notes" text null, "updated_at" timestamptz not null, constraint "places_pkey" primary key ("id"));`);
    this.addSql(`create index "places_category_index" on "places" ("category");`);
    this.addSql(`create index "places_lat_lon_index" on "places" ("lat", "lon");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "places" cascade;`);
  }

}
