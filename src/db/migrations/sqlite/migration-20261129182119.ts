import { Migration } from '@mikro-orm/migrations';

export class Migration20261129182119 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`admin_tokens\` (\`id\` text not null, \`name\` text not null, \`token_hash\` text not null, \`scope\` text not null, \`office\` text null, \`created_at\` datetime not null, \`revoked_at\` datetime null, primary key (\`id\`));`);
    this.addSql(`create unique index \`admin_tokens_token_hash_unique\` on \`admin_tokens\` (\`token_hash\`);`);

    this.addSql(`create table \`complaints\` (\`id\` text not null, \`ticket\` text not null, \`idempotency_key\` text not null, \`source\` text not null, \`reporter_user_id\` text null, \`reporter_channel\` text null, \`reporter_address\` text null, \`reporter_locale\` text null, \`reporter_name\` text null, \`reporter_email\` text null, \`type\` text not null, \`category\` text not null, \`description\` text not null, \`location_text\` text null, \`lat\` double null, \`lon\` double null, \`kelurahan\` text null, \`kelurahan_code\` text null, \`kecamatan\` text null, \`photos\` json not null, \`incident_date\` text null, \`privacy\` text not null, \`office\` text not null, \`state\` text not null, \`state_note\` text null, \`duplicate_of\` text null, \`referred_to\` text null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`verify_due_at\` datetime not null, \`response_due_at\` datetime not null, \`responded_at\` datetime null, \`resolved_at\` datetime null, \`closed_at\` datetime null, \`escalated_at\` datetime null, \`overdue\` integer not null default false, \`rating\` integer null, \`reopen_count\` integer not null default 0, \`supporter_count\` integer not null default 0, primary key (\`id\`));`);
    this.addSql(`create unique index \`complaints_ticket_unique\` on \`complaints\` (\`ticket\`);`);
    this.addSql(`create unique index \`complaints_idempotency_key_unique\` on \`complaints\` (\`idempotency_key\`);`);
    this.addSql(`create index \`complaints_reporter_user_id_index\` on \`complaints\` (\`reporter_user_id\`);`);
    this.addSql(`create index \`complaints_created_at_index\` on \`complaints\` (\`created_at\`);`);
    this.addSql(`create index \`complaints_updated_at_index\` on \`complaints\` (\`updated_at\`);`);
    this.addSql(`create index \`complaints_category_state_index\` on \`complaints\` (\`category\`, \`state\`);`);
    this.addSql(`create index \`complaints_office_state_index\` on \`complaints\` (\`office\`, \`state\`);`);
    this.addSql(`create index \`complaints_state_created_at_index\` on \`complaints\` (\`state\`, \`created_at\`);`);
    this.addSql(`create index \`complaints_kelurahan_code_index\` on \`complaints\` (\`kelurahan_code\`);`);
    this.addSql(`create index complaints_public_created_at_index on complaints (created_at, state) where privacy <> 'rahasia';`);
    this.addSql(`create index complaints_overdue_created_at_index on complaints (created_at) where overdue;`);

    this.addSql(`create table \`complaint_events\` (\`id\` text not null, \`complaint_id\` text not null, \`seq\` integer not null, \`at\` datetime not null, \`actor\` text not null, \`kind\` text not null, \`from_state\` text null, \`to_state\` text null, \`note\` text null, \`visible_to_reporter\` integer not null, constraint \`complaint_events_complaint_id_foreign\` foreign key(\`complaint_id\`) references \`complaints\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`complaint_events_complaint_id_index\` on \`complaint_events\` (\`complaint_id\`);`);
    this.addSql(`create unique index \`complaint_events_complaint_id_seq_unique\` on \`complaint_events\` (\`complaint_id\`, \`seq\`);`);

    this.addSql(`create table \`complaint_supporters\` (\`id\` text not null, \`complaint_id\` text not null, \`user_id\` text not null, \`channel\` text not null, \`address\` text not null, \`locale\` text not null, \`created_at\` datetime not null, constraint \`complaint_supporters_complaint_id_foreign\` foreign key(\`complaint_id\`) references \`complaints\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`complaint_supporters_complaint_id_index\` on \`complaint_supporters\` (\`complaint_id\`);`);
    this.addSql(`create index \`complaint_supporters_user_id_index\` on \`complaint_supporters\` (\`user_id\`);`);
    this.addSql(`create unique index \`complaint_supporters_complaint_id_user_id_unique\` on \`complaint_supporters\` (\`complaint_id\`, \`user_id\`);`);

    this.addSql(`create table \`ticket_counters\` (\`year\` integer not null, \`last\` integer not null, primary key (\`year\`));`);
  }

}
