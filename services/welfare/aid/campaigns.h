// Aid campaigns (送温暖, 金秋助学, 劳模帮扶, 医疗救助): run by the union that
// holds their fund, for members anywhere in its subtree, with who is eligible,
// an amount or range per application and a cap per person.
#ifndef UNIONHUB_SERVICES_WELFARE_AID_CAMPAIGNS_H_
#define UNIONHUB_SERVICES_WELFARE_AID_CAMPAIGNS_H_

#include <string>
#include <vector>

#include "libs/auth/principal.h"
#include "libs/base/clock.h"
#include "libs/base/paging.h"
#include "libs/clients/membership_client.h"
#include "libs/outbox/idempotency.h"
#include "libs/sql/database.h"
#include "services/welfare/aid/aid_store.h"

namespace unionhub::welfare {

struct NewCampaign {
  std::string name;
  CampaignKind kind = CampaignKind::kUnspecified;
  std::string start_date;
  std::string end_date;
  std::string fund_id;
  Eligibility eligibility = Eligibility::kUnspecified;
  std::vector<HardshipLevel> eligible_levels;
  int64_t min_amount_fen = 0;
  int64_t max_amount_fen = 0;
  int64_t cap_per_person_fen = 0;  // 0: max_amount_fen.
};

struct CampaignQuery {
  std::string organisation_id;  // Empty: the caller's own.
  CampaignKind kind = CampaignKind::kUnspecified;
  CampaignStatus status = CampaignStatus::kUnspecified;
  int page_size = 0;
  std::string page_token;
};

class Campaigns final {
 public:
  Campaigns(sql::Database* db, clients::MembershipClient* membership,
            const Clock* clock)
      : db_(db), membership_(membership), clock_(clock) {}

  absl::StatusOr<Campaign> Create(const auth::Caller& caller,
                                  const outbox::RequestKey& idempotency,
                                  const NewCampaign& request);
  // Also to unions below the campaign's, which apply to it.
  absl::StatusOr<Campaign> Get(const auth::Caller& caller,
                               absl::string_view id);
  absl::StatusOr<Page<Campaign>> List(const auth::Caller& caller,
                                      const CampaignQuery& query);
  absl::StatusOr<Campaign> Close(const auth::Caller& caller,
                                 absl::string_view id, absl::string_view etag);

 private:
  sql::Database* db_;
  clients::MembershipClient* membership_;
  AidStore aid_;
  const Clock* clock_;
};

// The campaign `id` if the caller runs it (its union in their subtree) or may
// apply to it (their union in its subtree); else NOT_FOUND naming `field`.
absl::StatusOr<Campaign> VisibleCampaign(AidStore& aid, sql::Session& s,
                                         const auth::Caller& caller,
                                         absl::string_view field,
                                         absl::string_view id);

}  // namespace unionhub::welfare

#endif  // UNIONHUB_SERVICES_WELFARE_AID_CAMPAIGNS_H_
