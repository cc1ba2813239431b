import { Migration } from '@mikro-orm/migrations';

export class Migration20261129215156 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`officer_accounts\` (\`id\` text not null, \`username\` text not null, \`display_name\` text not null, \`role\` text not null, \`office\` text null, \`puskesmas\` text null, \`password_hash\` text not null, \`must_change_password\` integer not null, \`created_at\` datetime not null, \`password_changed_at\` datetime null, \`disabled_at\` datetime null, primary key (\`id\`));`);
    this.addSql(`create unique index \`officer_accounts_username_unique\` on \`officer_accounts\` (\`username\`);`);

    this.addSql(`create table \`officer_audit\` (\`id\` integer not null primary key autoincrement, \`at\` datetime not null, \`account_id\` text null, \`action\` text not null, \`target\` text null, \`detail\` text null, \`ip\` text null);`);
    this.addSql(`create index \`officer_audit_at_index\` on \`officer_audit\` (\`at\`);`);
    this.addSql(`create index \`officer_audit_account_id_index\` on \`officer_audit\` (\`account_id\`);`);

    this.addSql(`create table \`officer_sessions\` (\`id\` text not null, \`account_id\` text not null, \`csrf_token\` text not null, \`created_at\` datetime not null, \`expires_at\` datetime not null, \`last_seen_at\` datetime not null, constraint \`officer_sessions_account_id_foreign\` foreign key(\`account_id\`) references \`officer_accounts\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`officer_sessions_account_id_index\` on \`officer_sessions\` (\`account_id\`);`);
    this.addSql(`create index \`officer_sessions_expires_at_index\` on \`officer_sessions\` (\`expires_at\`);`);
  }

}
