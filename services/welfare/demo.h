// Welfare's demo data, shaped like the seeds: two years (last year and this
// year up to today) of hardship files, 送温暖 and 金秋助学 campaigns paid from
// the district's funds, students supported over several years, a school's own
// condolence standards and visits under them, a 慈善一日捐 drive each year and
// a few letters and rights cases. Everything goes through the domain classes,
// with their rules, on a clock the loader moves to each record's date; the
// schools apply and the district reviews, approves (with a second key) and
// pays.
#ifndef UNIONHUB_SERVICES_WELFARE_DEMO_H_
#define UNIONHUB_SERVICES_WELFARE_DEMO_H_

#include <string>
#include <vector>

#include "libs/auth/principal.h"
#include "libs/base/clock.h"
#include "libs/clients/demo_unions.h"
#include "services/welfare/aid/applications.h"
#include "services/welfare/aid/campaigns.h"
#include "services/welfare/aid/funds.h"
#include "services/welfare/cases/cases.h"
#include "services/welfare/condolences/condolences.h"
#include "services/welfare/donations/donations.h"
#include "services/welfare/hardship/hardship.h"
#include "services/welfare/students/students.h"

namespace unionhub::welfare {

// The domain classes, all built on the loader's clock.
struct DemoServices {
  Hardship* hardship;
  Funds* funds;
  Campaigns* campaigns;
  AidApplications* applications;
  Students* students;
  Condolences* condolences;
  Cases* cases;
  Donations* donations;
};

// Who the demo is about: membership's demo district and schools.
using DemoUnions = clients::DemoUnions;

// Loads the demo for the two years up to `today` (nothing dated after it)
// about at least 2 schools of at least 12 active members each,
// moving `clock` (the one `services` were built on). Loading again changes
// nothing: a district that has last year's 送温暖 fund is taken as loaded.
absl::Status LoadDemoData(const DemoServices& services,
                          const DemoUnions& unions, FakeClock* clock,
                          absl::CivilDay today);

}  // namespace unionhub::welfare

#endif  // UNIONHUB_SERVICES_WELFARE_DEMO_H_
