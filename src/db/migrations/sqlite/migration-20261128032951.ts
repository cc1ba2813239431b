import { Migration } from '@mikro-orm/migrations';

export class Migration20261128032951 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`conversations\` (\`user_id\` text not null, \`flow\` text null, \`step\` text not null, \`data\` json not null, \`choices\` json null, \`expires_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`user_id\`));`);

    this.addSql(`create table \`inbound_messages\` (\`id\` text not null, \`channel\` text not null, \`platform_message_id\` text null, \`user_id\` text not null, \`received_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`inbound_messages_user_id_index\` on \`inbound_messages\` (\`user_id\`);`);
    this.addSql(`create unique index \`inbound_messages_channel_platform_message_id_unique\` on \`inbound_messages\` (\`channel\`, \`platform_message_id\`);`);

    this.addSql(`create table \`outbound_messages\` (\`id\` text not null, \`user_id\` text null, \`channel\` text not null, \`address\` text not null, \`kind\` text not null, \`payload\` json not null, \`status\` text not null, \`attempts\` integer not null default 0, \`last_error\` text null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`outbound_messages_user_id_index\` on \`outbound_messages\` (\`user_id\`);`);
    this.addSql(`create index \`outbound_messages_status_index\` on \`outbound_messages\` (\`status\`);`);

    this.addSql(`create table \`users\` (\`id\` text not null, \`locale\` text not null, \`display_name\` text null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);

    this.addSql(`create table \`channel_identities\` (\`id\` text not null, \`user_id\` text not null, \`channel\` text not null, \`address\` text not null, \`unreachable\` integer not null default false, \`created_at\` datetime not null, \`last_seen_at\` datetime not null, constraint \`channel_identities_user_id_foreign\` foreign key(\`user_id\`) references \`users\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`channel_identities_user_id_index\` on \`channel_identities\` (\`user_id\`);`);
    this.addSql(`create unique index \`channel_identities_channel_address_unique\` on \`channel_identities\` (\`channel\`, \`address\`);`);
  }

}
