#include "services/welfare/aid/campaigns.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "libs/auth/visible.h"
#include "libs/base/errors.h"
#include "libs/base/ids.h"
#include "libs/base/status_macros.h"
#include "libs/base/text.h"
#include "libs/clients/subtree.h"
#include "libs/outbox/outbox.h"
#include "services/welfare/aid/funds.h"
#include "services/welfare/convert.h"

namespace unionhub::welfare {
namespace {

constexpr size_t kMaxName = 100;

void CheckAmount(Violations& v, const std::string& field, int64_t fen) {
  if (fen <= 0) v.Add(field, "must be more than 0");
  if (fen > kMaxAmountFen) v.Add(field, "is more than 1,000,000,000 yuan");
}

// Sorted, each once, each specified.
void CheckLevels(Violations& v, const char* field, Eligibility eligibility,
                 std::vector<HardshipLevel>& levels) {
  std::sort(levels.begin(), levels.end());
  if (eligibility != Eligibility::kHardshipFile) {
    if (!levels.empty()) v.Add(field, "only hardship campaigns name levels");
    return;
  }
  if (levels.empty()) v.Add(field, "name at least one hardship level");
  if (std::adjacent_find(levels.begin(), levels.end()) != levels.end())
    v.Add(field, "names a level twice");
  if (!levels.empty() && levels.front() == HardshipLevel::kUnspecified)
    v.Add(field, "holds an unspecified level");
}

}  // namespace

absl::StatusOr<Campaign> VisibleCampaign(AidStore& aid, sql::Session& s,
                                         const auth::Caller& caller,
                                         absl::string_view field,
                                         absl::string_view id) {
  RETURN_IF_ERROR(CheckId(field, id));
  ASSIGN_OR_RETURN(std::optional<Campaign> c, aid.FindCampaign(s, id));
  if (!c ||
      !(caller.Covers(c->organisation_path) ||
        absl::StartsWith(caller.organisation_path, c->organisation_path))) {
    return absl::NotFoundError(absl::StrCat("campaign ", id, " not found"));
  }
  return *std::move(c);
}

absl::StatusOr<Campaign> Campaigns::Create(
    const auth::Caller& caller, const outbox::RequestKey& idempotency,
    const NewCampaign& request) {
  NewCampaign n = request;
  Violations v;
  v.Merge("request_id", outbox::CheckRequestId(idempotency.request_id));
  v.Merge("campaign.name",
          CheckText("campaign.name", n.name, kMaxName, Required::kYes));
  if (n.kind == CampaignKind::kUnspecified)
    v.Add("campaign.kind", "is required");
  auto start = ParseDate("campaign.start_date", n.start_date);
  auto end = ParseDate("campaign.end_date", n.end_date);
  v.Merge("campaign.start_date", start.status());
  v.Merge("campaign.end_date", end.status());
  if (start.ok() && end.ok() && *end < *start)
    v.Add("campaign.end_date", "is before start_date");
  v.Merge("campaign.fund_id", CheckId("campaign.fund_id", n.fund_id));
  if (n.eligibility == Eligibility::kUnspecified)
    v.Add("campaign.eligibility", "is required");
  CheckLevels(v, "campaign.eligible_levels", n.eligibility, n.eligible_levels);
  CheckAmount(v, "campaign.min_amount_fen", n.min_amount_fen);
  CheckAmount(v, "campaign.max_amount_fen", n.max_amount_fen);
  if (n.max_amount_fen < n.min_amount_fen)
    v.Add("campaign.max_amount_fen", "is less than min_amount_fen");
  if (n.cap_per_person_fen == 0) n.cap_per_person_fen = n.max_amount_fen;
  if (n.cap_per_person_fen < n.min_amount_fen ||
      n.cap_per_person_fen > kMaxAmountFen) {
    v.Add("campaign.cap_per_person_fen",
          "must be 0 (one application's most) or from min_amount_fen up");
  }
  RETURN_IF_ERROR(v.Status());
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<Campaign> {
    return outbox::Once(
        s, caller, idempotency, *clock_,
        [&]() -> absl::StatusOr<Campaign> {
          ASSIGN_OR_RETURN(
              Fund fund,
              VisibleFund(aid_, s, caller, "campaign.fund_id", n.fund_id));
          if (start->year() != fund.year || end->year() != fund.year) {
            return InvalidField(
                "campaign.start_date",
                absl::StrCat("the campaign must run within the fund's year, ",
                             fund.year));
          }
          Campaign c;
          c.id = NewId();
          c.organisation_id = fund.organisation_id;
          c.organisation_path = fund.organisation_path;
          c.name = n.name;
          c.kind = n.kind;
          c.start_date = *start;
          c.end_date = *end;
          c.fund_id = fund.id;
          c.eligibility = n.eligibility;
          c.eligible_levels = n.eligible_levels;
          c.min_amount_fen = n.min_amount_fen;
          c.max_amount_fen = n.max_amount_fen;
          c.cap_per_person_fen = n.cap_per_person_fen;
          c.status = CampaignStatus::kOpen;
          c.create_time = c.update_time = clock_->Now();
          c.etag = NewId();
          RETURN_IF_ERROR(aid_.InsertCampaign(s, c));
          v1::Campaign payload = ToProto(c);
          RETURN_IF_ERROR(outbox::Record(s, caller, *clock_,
                                         {"welfare.campaign.created", c.id,
                                          c.organisation_path, &payload, ""}));
          return c;
        },
        [](const Campaign& made) { return made.id; },
        [&](const std::string& id) {
          return VisibleCampaign(aid_, s, caller, "id", id);
        });
  });
}

absl::StatusOr<Campaign> Campaigns::Get(const auth::Caller& caller,
                                        absl::string_view id) {
  return db_->Read([&](sql::Session& s) {
    return VisibleCampaign(aid_, s, caller, "id", id);
  });
}

absl::StatusOr<Page<Campaign>> Campaigns::List(const auth::Caller& caller,
                                               const CampaignQuery& query) {
  Violations v;
  PageRequest page =
      ReadPageRequest(v, query.page_size, query.page_token, 'c', 1);
  std::string root =
      auth::ListRoot(v, caller, "organisation_id", query.organisation_id);
  RETURN_IF_ERROR(v.Status());
  CampaignFilter f;
  ASSIGN_OR_RETURN(f.under_path, clients::SubtreePath(*membership_, caller,
                                                      "organisation_id", root));
  f.kind = query.kind;
  f.status = query.status;
  f.before_id = page.after_id();
  f.limit = page.limit();
  ASSIGN_OR_RETURN(std::vector<Campaign> rows, db_->Read([&](sql::Session& s) {
    return aid_.ListCampaigns(s, f);
  }));
  return MakePageById(std::move(rows), page.size, 'c');
}

absl::StatusOr<Campaign> Campaigns::Close(const auth::Caller& caller,
                                          absl::string_view id,
                                          absl::string_view etag) {
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<Campaign> {
    ASSIGN_OR_RETURN(Campaign c, VisibleCampaign(aid_, s, caller, "id", id));
    if (!caller.Covers(c.organisation_path)) {
      return absl::PermissionDeniedError(
          "only the union running a campaign may close it");
    }
    RETURN_IF_ERROR(CheckEtag(etag, c.etag));
    if (c.status != CampaignStatus::kOpen)
      return absl::FailedPreconditionError("the campaign is closed already");
    c.status = CampaignStatus::kClosed;
    c.update_time = clock_->Now();
    c.etag = NewId();
    RETURN_IF_ERROR(aid_.UpdateCampaignStatus(s, c));
    v1::Campaign payload = ToProto(c);
    RETURN_IF_ERROR(outbox::Record(
        s, caller, *clock_,
        {"welfare.campaign.closed", c.id, c.organisation_path, &payload, ""}));
    return c;
  });
}

}  // namespace unionhub::welfare
