// What the democracy tests share: BesideMembershipTest (membership's
// testing.h) over a democracy database, the domain classes most tests use,
// and a way to seat a congress of any size.
#ifndef UNIONHUB_SERVICES_DEMOCRACY_TESTING_H_
#define UNIONHUB_SERVICES_DEMOCRACY_TESTING_H_

#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "libs/clients/membership_client.h"
#include "libs/sql/testing.h"
#include "libs/testing/backends.h"
#include "libs/testing/matchers.h"
#include "services/democracy/congress/congress.h"
#include "services/democracy/meetings/meetings.h"
#include "services/democracy/representatives/representatives.h"
#include "services/membership/testing.h"

namespace unionhub::democracy {

// A term of school A's 教代会 with its representatives qualified and review
// complete, and its first session open.
struct SeatedCongress {
  CongressTerm term;
  CongressSession session;
  std::vector<Representative> representatives;
};

class DemocracyTest : public membership::BesideMembershipTest {
 protected:
  DemocracyTest();
  // Builds the domain classes over the database.
  void SetUp() override;

  // A member of school A; even `seq` is a woman, born on `birth` (YYYYMMDD).
  membership::Member MustCreateMember(int seq,
                                      absl::string_view birth = "19850312");
  // Term 3 of school A's 教代会 from 2024-09-01 to 2027-08-31.
  CongressTerm MustCreateTerm(std::vector<CompositionRule> rules = {});
  Representative MustElect(
      const CongressTerm& term, const membership::Member& member,
      RepresentativeGroup group = RepresentativeGroup::kTeacher,
      absl::string_view delegation = "第一代表团");
  // `n` qualified representatives (members numbered from `first_seq`), the
  // review complete, and session 1 (today) open.
  SeatedCongress MustSeatCongress(int n, int first_seq = 100);
  // Records the first `present` of `c`'s representatives present.
  void MustRecordPresent(const SeatedCongress& c, int present);

  std::unique_ptr<Congress> congress_;
  std::unique_ptr<Representatives> representatives_;
  std::unique_ptr<Meetings> meetings_;
};

}  // namespace unionhub::democracy

#endif  // UNIONHUB_SERVICES_DEMOCRACY_TESTING_H_
