import { Migration } from '@mikro-orm/migrations';

export class Migration20261129211648 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`lpse_alerts\` (\`id\` text not null, \`user_id\` text not null, \`kode\` text not null, \`kind\` text not null, \`key\` text not null, \`day\` text not null, \`status\` text not null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`lpse_alerts_status_user_id_index\` on \`lpse_alerts\` (\`status\`, \`user_id\`);`);
    this.addSql(`create index \`lpse_alerts_user_id_day_index\` on \`lpse_alerts\` (\`user_id\`, \`day\`);`);
    this.addSql(`create unique index \`lpse_alerts_user_id_kode_kind_key_unique\` on \`lpse_alerts\` (\`user_id\`, \`kode\`, \`kind\`, \`key\`);`);

    this.addSql(`create table \`lpse_follows\` (\`id\` text not null, \`user_id\` text not null, \`kode\` text not null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`lpse_follows_kode_index\` on \`lpse_follows\` (\`kode\`);`);
    this.addSql(`create unique index \`lpse_follows_user_id_kode_unique\` on \`lpse_follows\` (\`user_id\`, \`kode\`);`);

    this.addSql(`create table \`lpse_polls\` (\`id\` text not null, \`source\` text not null, \`started_at\` datetime not null, \`finished_at\` datetime not null, \`ok\` integer not null, \`error\` text null, \`listed\` integer not null, \`created\` integer not null, \`changed\` integer not null, \`alerts\` integer not null, primary key (\`id\`));`);
    this.addSql(`create index \`lpse_polls_started_at_index\` on \`lpse_polls\` (\`started_at\`);`);

    this.addSql(`create table \`lpse_subscriptions\` (\`id\` text not null, \`user_id\` text not null, \`criteria\` text not null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`lpse_subscriptions_user_id_index\` on \`lpse_subscriptions\` (\`user_id\`);`);

    this.addSql(`create table \`lpse_tenders\` (\`kode\` text not null, \`source\` text not null, \`name\` text not null, \`open\` integer not null, \`hash\` text not null, \`schedule_hash\` text null, \`upload_deadline\` datetime null, \`data\` text not null, \`first_seen\` datetime not null, \`last_changed\` datetime not null, \`detail_at\` datetime null, \`detail_tries\` integer not null, \`matched_at\` datetime null, primary key (\`kode\`));`);
    this.addSql(`create index \`lpse_tenders_upload_deadline_index\` on \`lpse_tenders\` (\`upload_deadline\`);`);
    this.addSql(`create index \`lpse_tenders_open_first_seen_index\` on \`lpse_tenders\` (\`open\`, \`first_seen\`);`);

    this.addSql(`create table \`lpse_vendors\` (\`user_id\` text not null, \`channel\` text not null, \`address\` text not null, \`locale\` text not null, \`digest\` integer not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`user_id\`));`);
  }

}
