import { Migration } from '@mikro-orm/migrations';

export class Migration20261129222121 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "complaints" add column "first_response_at" timestamptz null;`);
    // Backfill: the first officer step the reporter saw (a reply, or a move past "diterima"), from the trail.
    this.addSql(`update "complaints" c set "first_response_at" = fr.at from (select e.complaint_id, min(e.at) as at from "complaint_events" e where e.visible_to_reporter and (e.actor like 'office:%' or e.actor = 'coordinator' or e.actor like 'coordinator (%') and (e.kind = 'reply' or (e.kind in ('transition', 'reroute', 'reopen') and e.to_state is not null and e.to_state <> 'diterima')) group by e.complaint_id) fr where fr.complaint_id = c.id;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "complaints" drop column "first_response_at";`);
  }

}
