// A demo data set, so that a newcomer sees real-looking data at once: a city
// federation, a district education union with three school unions, their
// sub-unions, a few hundred members, committees, model workers, activities and
// honours, and an industrial park's founding register with the figures of seed
// 001 (79 enterprises, 41 required to found a union, 39 applied, 10 with a
// union).
#ifndef UNIONHUB_SERVICES_MEMBERSHIP_DEMO_H_
#define UNIONHUB_SERVICES_MEMBERSHIP_DEMO_H_

#include "services/membership/activities/activities.h"
#include "services/membership/committees/committees.h"
#include "services/membership/enterprises/enterprises.h"
#include "services/membership/members.h"
#include "services/membership/model_workers/model_workers.h"
#include "services/membership/organisations.h"

namespace unionhub::membership {

struct DemoServices {
  Organisations* organisations;
  Members* members;
  Committees* committees;
  Enterprises* enterprises;
  ModelWorkers* model_workers;
  Activities* activities;
};

// Loads the demo under the root federation. Every create carries a fixed
// request_id, so loading again changes nothing.
absl::Status LoadDemoData(const DemoServices& services,
                          const Organisation& root);

}  // namespace unionhub::membership

#endif  // UNIONHUB_SERVICES_MEMBERSHIP_DEMO_H_
