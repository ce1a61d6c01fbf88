#include "services/welfare/aid/funds.h"

#include "absl/strings/str_cat.h"
#include "libs/auth/visible.h"
#include "libs/base/errors.h"
#include "libs/base/ids.h"
#include "libs/base/status_macros.h"
#include "libs/base/text.h"
#include "libs/clients/subtree.h"
#include "libs/outbox/outbox.h"
#include "services/welfare/convert.h"

namespace unionhub::welfare {
namespace {

constexpr size_t kMaxName = 100;

void CheckBudget(Violations& v, const char* field, int64_t fen) {
  if (fen <= 0) v.Add(field, "must be more than 0");
  if (fen > kMaxAmountFen) v.Add(field, "is more than 1,000,000,000 yuan");
}

absl::Status NameTaken(const absl::Status& s) {
  if (s.code() == absl::StatusCode::kAlreadyExists) {
    return absl::AlreadyExistsError(
        "the union already has a fund of this name for that year");
  }
  return s;
}

absl::Status Record(sql::Session& s, const auth::Caller& caller,
                    const Clock& clock, absl::string_view type, const Fund& f) {
  v1::Fund payload = ToProto(f);
  return outbox::Record(
      s, caller, clock,
      {std::string(type), f.id, f.organisation_path, &payload, ""});
}

}  // namespace

absl::StatusOr<Fund> VisibleFund(AidStore& aid, sql::Session& s,
                                 const auth::Caller& caller,
                                 absl::string_view field,
                                 absl::string_view id) {
  return auth::FindVisible(
      caller, "fund", field, id, &Fund::organisation_path,
      [&](absl::string_view id) { return aid.FindFund(s, id); });
}

absl::StatusOr<Fund> Funds::Create(const auth::Caller& caller,
                                   const outbox::RequestKey& idempotency,
                                   const NewFund& request) {
  Violations v;
  v.Merge("request_id", outbox::CheckRequestId(idempotency.request_id));
  v.Merge("fund.organisation_id",
          CheckId("fund.organisation_id", request.organisation_id));
  v.Merge("fund.year", CheckYear("fund.year", request.year));
  v.Merge("fund.name",
          CheckText("fund.name", request.name, kMaxName, Required::kYes));
  CheckBudget(v, "fund.budget_fen", request.budget_fen);
  RETURN_IF_ERROR(v.Status());
  ASSIGN_OR_RETURN(clients::OrganisationRef holder,
                   membership_->GetOrganisation(caller, "fund.organisation_id",
                                                request.organisation_id));
  if (!holder.open) return absl::FailedPreconditionError("the union is closed");
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<Fund> {
    return outbox::Once(
        s, caller, idempotency, *clock_,
        [&]() -> absl::StatusOr<Fund> {
          Fund f;
          f.id = NewId();
          f.organisation_id = holder.id;
          f.organisation_path = holder.path;
          f.year = request.year;
          f.name = request.name;
          f.budget_fen = request.budget_fen;
          f.create_time = f.update_time = clock_->Now();
          f.etag = NewId();
          RETURN_IF_ERROR(NameTaken(aid_.InsertFund(s, f)));
          RETURN_IF_ERROR(
              Record(s, caller, *clock_, "welfare.fund.created", f));
          return f;
        },
        [](const Fund& made) { return made.id; },
        [&](const std::string& id) {
          return VisibleFund(aid_, s, caller, "id", id);
        });
  });
}

absl::StatusOr<Fund> Funds::Get(const auth::Caller& caller,
                                absl::string_view id) {
  return db_->Read(
      [&](sql::Session& s) { return VisibleFund(aid_, s, caller, "id", id); });
}

absl::StatusOr<Page<Fund>> Funds::List(const auth::Caller& caller,
                                       absl::string_view organisation_id,
                                       int year, int page_size,
                                       absl::string_view page_token) {
  Violations v;
  PageRequest page = ReadPageRequest(v, page_size, page_token, 'f', 1);
  std::string root =
      auth::ListRoot(v, caller, "organisation_id", organisation_id);
  if (year != 0) v.Merge("year", CheckYear("year", year));
  RETURN_IF_ERROR(v.Status());
  FundFilter f;
  ASSIGN_OR_RETURN(f.under_path, clients::SubtreePath(*membership_, caller,
                                                      "organisation_id", root));
  f.year = year;
  f.before_id = page.after_id();
  f.limit = page.limit();
  ASSIGN_OR_RETURN(std::vector<Fund> rows, db_->Read([&](sql::Session& s) {
    return aid_.ListFunds(s, f);
  }));
  return MakePageById(std::move(rows), page.size, 'f');
}

absl::StatusOr<Fund> Funds::Update(const auth::Caller& caller,
                                   absl::string_view id, const FundPatch& patch,
                                   absl::string_view etag) {
  Violations v;
  if (patch.name) {
    v.Merge("fund.name",
            CheckText("fund.name", *patch.name, kMaxName, Required::kYes));
  }
  if (patch.budget_fen) CheckBudget(v, "fund.budget_fen", *patch.budget_fen);
  if (!patch.name && !patch.budget_fen)
    v.Add("update_mask", "names no field to change");
  RETURN_IF_ERROR(v.Status());
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<Fund> {
    ASSIGN_OR_RETURN(Fund f, VisibleFund(aid_, s, caller, "fund.id", id));
    RETURN_IF_ERROR(CheckEtag(etag, f.etag));
    if (patch.name) f.name = *patch.name;
    if (patch.budget_fen) f.budget_fen = *patch.budget_fen;
    f.update_time = clock_->Now();
    f.etag = NewId();
    ASSIGN_OR_RETURN(bool updated, aid_.UpdateFund(s, f));
    if (!updated) {
      return absl::FailedPreconditionError(absl::StrCat(
          "the budget cannot go below what is approved and paid from the "
          "fund: ",
          f.committed_fen + f.paid_fen, " fen"));
    }
    RETURN_IF_ERROR(Record(s, caller, *clock_, "welfare.fund.updated", f));
    return f;
  });
}

}  // namespace unionhub::welfare
