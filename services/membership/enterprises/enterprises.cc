#include "services/membership/enterprises/enterprises.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "libs/auth/visible.h"
#include "libs/base/errors.h"
#include "libs/base/ids.h"
#include "libs/base/paging.h"
#include "libs/base/status_macros.h"
#include "libs/base/text.h"
#include "libs/outbox/outbox.h"
#include "services/membership/convert.h"
#include "services/membership/id_number.h"
#include "services/membership/scope.h"

namespace unionhub::membership {
namespace {

constexpr size_t kMaxName = 100;
constexpr int kMaxEmployees = 10000000;

void CheckEmployees(Violations& v, const char* field, int employees) {
  if (employees < 0 || employees > kMaxEmployees) {
    v.Add(field, "must be a number of employees from 0");
  }
}

// A second enterprise with the same credit code.
absl::Status CreditCodeTaken(const absl::Status& s) {
  if (s.code() == absl::StatusCode::kAlreadyExists) {
    return absl::AlreadyExistsError(
        "an enterprise with this credit code is already on the register");
  }
  return s;
}

}  // namespace

absl::StatusOr<Enterprise> Enterprises::Visible(sql::Session& s,
                                                const auth::Caller& caller,
                                                absl::string_view id) {
  return auth::FindVisible(
      caller, "enterprise", "id", id, &Enterprise::organisation_path,
      [&](absl::string_view id) { return enterprises_.Find(s, id); });
}

absl::StatusOr<Enterprise> Enterprises::Create(
    const auth::Caller& caller, const outbox::RequestKey& idempotency,
    const NewEnterprise& request) {
  Violations v;
  v.Merge("request_id", outbox::CheckRequestId(idempotency.request_id));
  v.Merge("enterprise.organisation_id",
          CheckId("enterprise.organisation_id", request.organisation_id));
  v.Merge("enterprise.name",
          CheckText("enterprise.name", request.name, kMaxName, Required::kYes));
  v.Merge("enterprise.credit_code",
          CheckCreditCode("enterprise.credit_code", request.credit_code));
  CheckEmployees(v, "enterprise.employees", request.employees);
  RETURN_IF_ERROR(v.Status());

  return db_->Write([&](sql::Session& s) -> absl::StatusOr<Enterprise> {
    return outbox::Once(
        s, caller, idempotency, *clock_,
        [&]() -> absl::StatusOr<Enterprise> {
          Enterprise e;
          ASSIGN_OR_RETURN(Organisation keeper,
                           VisibleOrganisation(*store_, s, caller,
                                               "enterprise.organisation_id",
                                               request.organisation_id));
          if (keeper.state != OrganisationState::kActive) {
            return absl::FailedPreconditionError("the organisation is closed");
          }
          e.id = NewId();
          e.organisation_id = keeper.id;
          e.organisation_path = keeper.path;
          e.name = request.name;
          e.credit_code = request.credit_code;
          e.employees = request.employees;
          e.required_to_found = request.required_to_found;
          e.founding_status = UnionFoundingStatus::kNotStarted;
          e.create_time = e.update_time = clock_->Now();
          e.etag = NewId();
          RETURN_IF_ERROR(CreditCodeTaken(enterprises_.Insert(s, e)));
          v1::Enterprise payload = ToProto(e);
          RETURN_IF_ERROR(outbox::Record(s, caller, *clock_,
                                         {"membership.enterprise.created", e.id,
                                          e.organisation_path, &payload, ""}));
          return e;
        },
        [](const Enterprise& made) { return made.id; },
        [&](const std::string& id) { return Visible(s, caller, id); });
  });
}

absl::StatusOr<Enterprise> Enterprises::Get(const auth::Caller& caller,
                                            absl::string_view id) {
  return db_->Read([&](sql::Session& s) { return Visible(s, caller, id); });
}

absl::StatusOr<Page<Enterprise>> Enterprises::List(
    const auth::Caller& caller, const EnterpriseQuery& query) {
  Violations v;
  PageRequest page =
      ReadPageRequest(v, query.page_size, query.page_token, 'e', 2);
  std::string root_id =
      auth::ListRoot(v, caller, "organisation_id", query.organisation_id);
  RETURN_IF_ERROR(v.Status());
  EnterpriseFilter f;
  if (!page.after.empty()) {
    f.after_name = page.after[0];
    f.after_id = page.after[1];
  }
  f.status = query.status;
  f.only_required = query.only_required;
  f.limit = page.limit();
  std::vector<Enterprise> rows;
  RETURN_IF_ERROR(db_->Read([&](sql::Session& s) -> absl::Status {
    ASSIGN_OR_RETURN(
        Organisation org,
        VisibleOrganisation(*store_, s, caller, "organisation_id", root_id));
    f.under_path = org.path;
    ASSIGN_OR_RETURN(rows, enterprises_.List(s, f));
    return absl::OkStatus();
  }));
  return MakePage(std::move(rows), page.size, 'e', [](const Enterprise& e) {
    return std::vector<std::string>{e.name, e.id};
  });
}

absl::StatusOr<Enterprise> Enterprises::Change(
    const auth::Caller& caller, absl::string_view id, absl::string_view etag,
    absl::string_view event_type,
    absl::FunctionRef<absl::Status(sql::Session&, Enterprise&)> change) {
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<Enterprise> {
    ASSIGN_OR_RETURN(Enterprise e, Visible(s, caller, id));
    RETURN_IF_ERROR(CheckEtag(etag, e.etag));
    RETURN_IF_ERROR(change(s, e));
    e.update_time = clock_->Now();
    e.etag = NewId();
    RETURN_IF_ERROR(CreditCodeTaken(enterprises_.Update(s, e)));
    v1::Enterprise payload = ToProto(e);
    RETURN_IF_ERROR(outbox::Record(
        s, caller, *clock_,
        {std::string(event_type), e.id, e.organisation_path, &payload, ""}));
    return e;
  });
}

absl::StatusOr<Enterprise> Enterprises::Update(const auth::Caller& caller,
                                               absl::string_view id,
                                               const EnterprisePatch& patch,
                                               absl::string_view etag) {
  Violations v;
  if (patch.name) {
    v.Merge("enterprise.name", CheckText("enterprise.name", *patch.name,
                                         kMaxName, Required::kYes));
  }
  if (patch.credit_code) {
    v.Merge("enterprise.credit_code",
            CheckCreditCode("enterprise.credit_code", *patch.credit_code));
  }
  if (patch.employees)
    CheckEmployees(v, "enterprise.employees", *patch.employees);
  if (!patch.name && !patch.credit_code && !patch.employees &&
      !patch.required_to_found) {
    v.Add("update_mask", "names no field to change");
  }
  RETURN_IF_ERROR(v.Status());
  return Change(caller, id, etag, "membership.enterprise.updated",
                [&](sql::Session&, Enterprise& e) {
                  if (patch.name) e.name = *patch.name;
                  if (patch.credit_code) e.credit_code = *patch.credit_code;
                  if (patch.employees) e.employees = *patch.employees;
                  if (patch.required_to_found) {
                    e.required_to_found = *patch.required_to_found;
                  }
                  return absl::OkStatus();
                });
}

absl::StatusOr<Enterprise> Enterprises::RecordApplication(
    const auth::Caller& caller, absl::string_view id,
    absl::string_view applied_date, absl::string_view etag) {
  ASSIGN_OR_RETURN(
      absl::CivilDay date,
      ParsePastDate("applied_date", applied_date, clock_->Today()));
  return Change(
      caller, id, etag, "membership.enterprise.union_applied",
      [&](sql::Session&, Enterprise& e) -> absl::Status {
        if (e.founding_status != UnionFoundingStatus::kNotStarted) {
          return absl::FailedPreconditionError(
              "the enterprise has already applied or founded its union");
        }
        e.founding_status = UnionFoundingStatus::kApplied;
        e.applied_date = date;
        return absl::OkStatus();
      });
}

absl::StatusOr<Enterprise> Enterprises::RecordFounded(
    const auth::Caller& caller, absl::string_view id,
    absl::string_view union_organisation_id, absl::string_view founded_date,
    absl::string_view etag) {
  Violations v;
  v.Merge("union_organisation_id",
          CheckId("union_organisation_id", union_organisation_id));
  auto date = ParsePastDate("founded_date", founded_date, clock_->Today());
  v.Merge("founded_date", date.status());
  RETURN_IF_ERROR(v.Status());
  return Change(
      caller, id, etag, "membership.enterprise.union_founded",
      [&](sql::Session& s, Enterprise& e) -> absl::Status {
        if (e.founding_status == UnionFoundingStatus::kFounded) {
          return absl::FailedPreconditionError(
              "the enterprise's union is founded already");
        }
        if (e.applied_date && *date < *e.applied_date) {
          return InvalidField("founded_date", "is before the application");
        }
        ASSIGN_OR_RETURN(
            Organisation u,
            VisibleOrganisation(*store_, s, caller, "union_organisation_id",
                                union_organisation_id));
        if (u.type != OrganisationType::kGrassroots ||
            !absl::StartsWith(u.path, e.organisation_path)) {
          return absl::FailedPreconditionError(
              "the union must be a grassroots union registered under the union "
              "that "
              "keeps this register");
        }
        e.founding_status = UnionFoundingStatus::kFounded;
        e.founded_date = *date;
        e.union_organisation_id = u.id;
        e.union_organisation_path = u.path;
        return absl::OkStatus();
      });
}

absl::StatusOr<FoundingStatistics> Enterprises::Statistics(
    const auth::Caller& caller, absl::string_view organisation_id) {
  std::string root(organisation_id.empty() ? caller.organisation_id
                                           : organisation_id);
  FoundingStatistics out;
  RETURN_IF_ERROR(db_->Read([&](sql::Session& s) -> absl::Status {
    ASSIGN_OR_RETURN(
        Organisation org,
        VisibleOrganisation(*store_, s, caller, "organisation_id", root));
    ASSIGN_OR_RETURN(out, enterprises_.Statistics(s, org.path));
    return absl::OkStatus();
  }));
  return out;
}

}  // namespace unionhub::membership
