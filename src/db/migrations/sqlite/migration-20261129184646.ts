import { Migration } from '@mikro-orm/migrations';

export class Migration20261129184646 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`siskia_alerts\` (\`id\` text not null, \`user_id\` text not null, \`at\` datetime not null, \`answer\` text null, \`answered_at\` datetime null, primary key (\`id\`));`);
    this.addSql(`create index \`siskia_alerts_user_id_index\` on \`siskia_alerts\` (\`user_id\`);`);

    this.addSql(`create table \`siskia_profiles\` (\`user_id\` text not null, \`channel\` text not null, \`address\` text not null, \`locale\` text not null, \`status\` text not null, \`consent_version\` text not null, \`consent_at\` datetime not null, \`registered_by\` text not null, \`puskesmas\` text null, \`posyandu\` text null, \`record_enc\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`user_id\`));`);
    this.addSql(`create index \`siskia_profiles_puskesmas_index\` on \`siskia_profiles\` (\`puskesmas\`);`);
    this.addSql(`create index \`siskia_profiles_status_user_id_index\` on \`siskia_profiles\` (\`status\`, \`user_id\`);`);

    this.addSql(`create table \`siskia_reminders\` (\`id\` text not null, \`user_id\` text not null, \`day\` text not null, \`code\` text not null, \`child_id\` text null, \`days_before\` integer not null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`siskia_reminders_user_id_day_unique\` on \`siskia_reminders\` (\`user_id\`, \`day\`);`);
  }

}
