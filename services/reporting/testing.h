// What reporting's tests share: a real membership (its domain on its own
// database, per backend) with a district and two schools, reporting's
// database beside it, and catching up with membership's feed in-process.
#ifndef UNIONHUB_SERVICES_REPORTING_TESTING_H_
#define UNIONHUB_SERVICES_REPORTING_TESTING_H_

#include <memory>
#include <string>
#include <vector>

#include "libs/outbox/feed_consumer.h"
#include "libs/sql/testing.h"
#include "services/membership/testing.h"

namespace unionhub::reporting {

class ReportingTest : public membership::DistrictTest {
 protected:
  void SetUp() override;

  // Applies membership's feed up to now, `page_size` events a page.
  void CatchUp(int page_size = 200);
  // A member of `org` (even `seq`: a woman) who joined on `join_date`.
  membership::Member MustJoin(
      const membership::Organisation& org, int seq, absl::string_view join_date,
      membership::EmploymentType type = membership::EmploymentType::kStaff);
  // Every non-zero row of the figures table, for comparing read models.
  std::vector<std::string> FigureTable();

  sql::TestDatabase reporting_;
  std::unique_ptr<outbox::FeedSource> feed_;
  auth::Caller admin_a_, admin_b_, district_admin_;
};

}  // namespace unionhub::reporting

#endif  // UNIONHUB_SERVICES_REPORTING_TESTING_H_
