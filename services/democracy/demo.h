// Democracy's demo data, shaped like the seeds (a school's 教代会 as seed 000
// and 003 tell it): for each demo school, the third term of its congress from
// two Septembers ago with up to 30 representatives, reviewed; 三届一次 that
// autumn, 三届二次 and 三届三次 each March 27, with their agendas,
// attendance and votes (and, at the first school, the collective contract
// approved at 三届一次); proposals at 三届三次 through every step (accepted,
// kept as suggestions, rejected, merged, answered, rated, one re-opened,
// published); a democratic evaluation of the school's leaders; and the
// school's disclosure catalogue from January last year, quarterly finances
// (one late) and yearly performance pay from the period before it, and an
// awards list this September with an objection answered. Everything
// goes through the domain classes, with their rules, on a clock the loader
// moves to each record's date.
#ifndef UNIONHUB_SERVICES_DEMOCRACY_DEMO_H_
#define UNIONHUB_SERVICES_DEMOCRACY_DEMO_H_

#include "libs/base/clock.h"
#include "libs/clients/demo_unions.h"
#include "services/democracy/congress/congress.h"
#include "services/democracy/contracts/contracts.h"
#include "services/democracy/disclosure/disclosure.h"
#include "services/democracy/evaluations/evaluations.h"
#include "services/democracy/meetings/meetings.h"
#include "services/democracy/proposals/proposals.h"
#include "services/democracy/representatives/representatives.h"

namespace unionhub::democracy {

// The domain classes, all built on the loader's clock.
struct DemoServices {
  Congress* congress;
  Representatives* representatives;
  Meetings* meetings;
  Proposals* proposals;
  Evaluations* evaluations;
  Disclosure* disclosure;
  Contracts* contracts;
};

// Loads the demo up to `today` (nothing dated after it) for every school
// with at least 12 active members, moving `clock` (the one `services` were
// built on). Loading again changes nothing: a school whose congress has a
// third term is taken as loaded.
absl::Status LoadDemoData(const DemoServices& services,
                          const clients::DemoUnions& unions, FakeClock* clock,
                          absl::CivilDay today);

}  // namespace unionhub::democracy

#endif  // UNIONHUB_SERVICES_DEMOCRACY_DEMO_H_
