import { Migration } from '@mikro-orm/migrations';

export class Migration20261129213911 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`whatsapp_creds\` (\`session\` text not null, \`data\` text not null, \`updated_at\` datetime not null, primary key (\`session\`));`);

    this.addSql(`create table \`whatsapp_keys\` (\`session\` text not null, \`type\` text not null, \`key_id\` text not null, \`data\` text not null, \`updated_at\` datetime not null, primary key (\`session\`, \`type\`, \`key_id\`));`);
  }

}
