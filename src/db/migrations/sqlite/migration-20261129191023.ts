import { Migration } from '@mikro-orm/migrations';

export class Migration20261129191023 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`places\` (\`id\` text not null, \`name\` text not null, \`aliases\` json not null, \`category\` text not null, \`subcategory\` text null, \`tags\` json not null, \`address\` text null, \`kelurahan\` text null, \`kecamatan\` text null, \`kelurahan_code\` text null, \`lat\` double not null, \`lon\` double not null, \`coord_precision\` text not null, \`opening_hours\` text null, \`hours_text\` text null, \`price_level\` integer null, \`price_text\` text null, \`sources\` text not null, \`notes\` text null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`places_category_index\` on \`places\` (\`category\`);`);
    this.addSql(`create index \`places_lat_lon_index\` on \`places\` (\`lat\`, \`lon\`);`);
  }

}
