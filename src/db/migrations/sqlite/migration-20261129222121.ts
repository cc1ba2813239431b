import { Migration } from '@mikro-orm/migrations';

export class Migration20261129222121 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`complaints\` add column \`first_response_at\` datetime null;`);
    // Backfill: the first officer step the reporter saw (a reply, or a move past "diterima"), from the trail.
    this.addSql(`update \`complaints\` set \`first_response_at\` = (select min(e.at) from \`complaint_events\` e where e.complaint_id = \`complaints\`.id and e.visible_to_reporter and (substr(e.actor, 1, 7) = 'office:' or e.actor = 'coordinator' or substr(e.actor, 1, 13) = 'coordinator (') and (e.kind = 'reply' or (e.kind in ('transition', 'reroute', 'reopen') and e.to_state is not null and e.to_state <> 'diterima')));`);
  }

}
