#include "services/membership/organisations.h"

#include "absl/strings/str_cat.h"
#include "libs/auth/visible.h"
#include "libs/base/errors.h"
#include "libs/base/ids.h"
#include "libs/base/paging.h"
#include "libs/base/status_macros.h"
#include "libs/base/text.h"
#include "libs/outbox/outbox.h"
#include "services/membership/convert.h"
#include "services/membership/scope.h"

namespace unionhub::membership {
namespace {

constexpr size_t kMaxOrganisationName = 100;

bool KnownOrganisationType(OrganisationType t) {
  return t >= OrganisationType::kFederation &&
         t <= OrganisationType::kUnionGroup;
}

}  // namespace

absl::Status CheckTakesMembers(const Organisation& org) {
  if (org.state != OrganisationState::kActive) {
    return absl::FailedPreconditionError("the organisation is closed");
  }
  if (!TakesMembers(org.type)) {
    return absl::FailedPreconditionError(
        "members are registered with a grassroots union, sub-union or union "
        "group");
  }
  return absl::OkStatus();
}

absl::StatusOr<Organisation> Organisations::EnsureRoot(absl::string_view name) {
  RETURN_IF_ERROR(CheckText("root_organisation_name", name,
                            kMaxOrganisationName, Required::kYes));
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<Organisation> {
    ASSIGN_OR_RETURN(std::optional<Organisation> found, store_->FindRoot(s));
    if (found) return *found;
    Organisation root;
    root.id = NewId();
    root.name = std::string(name);
    root.type = OrganisationType::kFederation;
    root.path = absl::StrCat("/", root.id, "/");
    root.state = OrganisationState::kActive;
    root.create_time = root.update_time = clock_->Now();
    root.etag = NewId();
    RETURN_IF_ERROR(store_->InsertOrganisation(s, root));
    auth::Caller system = auth::ServiceCaller("system", root.id, root.path);
    v1::Organisation payload = ToProto(root);
    RETURN_IF_ERROR(
        outbox::Record(s, system, *clock_,
                       {"membership.organisation.created", root.id, root.path,
                        &payload, "root federation created at first start"}));
    return root;
  });
}

absl::StatusOr<Organisation> Organisations::CreateOrganisation(
    const auth::Caller& caller, const outbox::RequestKey& idempotency,
    const NewOrganisation& request) {
  Violations v;
  v.Merge("request_id", outbox::CheckRequestId(idempotency.request_id));
  v.Merge("organisation.parent_id",
          CheckId("organisation.parent_id", request.parent_id));
  v.Merge("organisation.name", CheckText("organisation.name", request.name,
                                         kMaxOrganisationName, Required::kYes));
  if (!KnownOrganisationType(request.type)) {
    v.Add("organisation.type", "is required");
  } else if (request.type == OrganisationType::kFederation) {
    v.Add("organisation.type", "only the root is a federation");
  }
  RETURN_IF_ERROR(v.Status());

  return db_->Write([&](sql::Session& s) -> absl::StatusOr<Organisation> {
    return outbox::Once(
        s, caller, idempotency, *clock_,
        [&]() -> absl::StatusOr<Organisation> {
          ASSIGN_OR_RETURN(
              Organisation parent,
              VisibleOrganisation(*store_, s, caller, "organisation.parent_id",
                                  request.parent_id));
          if (parent.state != OrganisationState::kActive) {
            return absl::FailedPreconditionError(
                "the parent organisation is closed");
          }
          if (request.type <= parent.type) {
            return InvalidField(
                "organisation.type",
                absl::StrCat(
                    "must be of a lower level than its parent (",
                    v1::OrganisationType_Name(
                        static_cast<v1::OrganisationType>(parent.type)),
                    ")"));
          }
          ASSIGN_OR_RETURN(bool taken, store_->SiblingNameTaken(
                                           s, parent.id, request.name, ""));
          if (taken) {
            return absl::AlreadyExistsError(
                "an open organisation of that name already exists under this "
                "parent");
          }
          Organisation created;
          created.id = NewId();
          created.parent_id = parent.id;
          created.name = request.name;
          created.type = request.type;
          created.path = absl::StrCat(parent.path, created.id, "/");
          created.state = OrganisationState::kActive;
          created.create_time = created.update_time = clock_->Now();
          created.etag = NewId();
          if (created.path.size() > 255) {
            return absl::FailedPreconditionError("the tree is too deep here");
          }
          RETURN_IF_ERROR(store_->InsertOrganisation(s, created));
          v1::Organisation payload = ToProto(created);
          RETURN_IF_ERROR(
              outbox::Record(s, caller, *clock_,
                             {"membership.organisation.created", created.id,
                              created.path, &payload, ""}));
          return created;
        },
        [](const Organisation& o) { return o.id; },
        [&](const std::string& id) {
          return outbox::MadeEarlier(store_->FindOrganisation(s, id));
        });
  });
}

absl::StatusOr<Organisation> Organisations::GetRootOrganisation() {
  std::optional<Organisation> root;
  RETURN_IF_ERROR(db_->Read([&](sql::Session& s) -> absl::Status {
    ASSIGN_OR_RETURN(root, store_->FindRoot(s));
    return absl::OkStatus();
  }));
  if (!root) return absl::NotFoundError("there is no root organisation yet");
  return *root;
}

absl::StatusOr<Organisation> Organisations::GetOrganisation(
    const auth::Caller& caller, absl::string_view id) {
  return db_->Read([&](sql::Session& s) {
    return VisibleOrganisation(*store_, s, caller, "id", id);
  });
}

absl::StatusOr<Page<Organisation>> Organisations::ListOrganisations(
    const auth::Caller& caller, const OrganisationQuery& query) {
  Violations v;
  PageRequest page =
      ReadPageRequest(v, query.page_size, query.page_token, 'o', 1);
  std::string parent_id =
      auth::ListRoot(v, caller, "parent_id", query.parent_id);
  RETURN_IF_ERROR(v.Status());

  std::vector<Organisation> rows;
  RETURN_IF_ERROR(db_->Read([&](sql::Session& s) -> absl::Status {
    ASSIGN_OR_RETURN(
        Organisation parent,
        VisibleOrganisation(*store_, s, caller, "parent_id", parent_id));
    OrganisationFilter f;
    f.parent_id = parent.id;
    if (query.include_descendants) f.under_path = parent.path;
    f.include_closed = query.include_closed;
    if (!page.after.empty()) f.after_path = page.after[0];
    f.limit = page.limit();
    ASSIGN_OR_RETURN(rows, store_->ListOrganisations(s, f));
    return absl::OkStatus();
  }));
  return MakePage(std::move(rows), page.size, 'o', [](const Organisation& o) {
    return std::vector<std::string>{o.path};
  });
}

absl::StatusOr<Organisation> Organisations::RenameOrganisation(
    const auth::Caller& caller, absl::string_view id, absl::string_view name,
    absl::string_view etag) {
  Violations v;
  v.Merge("organisation.id", CheckId("organisation.id", id));
  v.Merge("organisation.name", CheckText("organisation.name", name,
                                         kMaxOrganisationName, Required::kYes));
  RETURN_IF_ERROR(v.Status());
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<Organisation> {
    ASSIGN_OR_RETURN(
        Organisation o,
        VisibleOrganisation(*store_, s, caller, "organisation.id", id));
    RETURN_IF_ERROR(CheckEtag(etag, o.etag));
    if (o.state != OrganisationState::kActive) {
      return absl::FailedPreconditionError(
          "a closed organisation cannot be renamed");
    }
    if (!o.parent_id.empty()) {
      ASSIGN_OR_RETURN(bool taken,
                       store_->SiblingNameTaken(s, o.parent_id, name, o.id));
      if (taken) {
        return absl::AlreadyExistsError(
            "an open organisation of that name already exists under this "
            "parent");
      }
    }
    std::string detail = absl::StrCat("renamed from ", o.name);
    o.name = std::string(name);
    o.update_time = clock_->Now();
    o.etag = NewId();
    RETURN_IF_ERROR(store_->UpdateOrganisation(s, o));
    v1::Organisation payload = ToProto(o);
    RETURN_IF_ERROR(outbox::Record(
        s, caller, *clock_,
        {"membership.organisation.renamed", o.id, o.path, &payload, detail}));
    return o;
  });
}

absl::StatusOr<Organisation> Organisations::CloseOrganisation(
    const auth::Caller& caller, absl::string_view id, absl::string_view etag) {
  RETURN_IF_ERROR(CheckId("id", id));
  return db_->Write([&](sql::Session& s) -> absl::StatusOr<Organisation> {
    ASSIGN_OR_RETURN(Organisation o,
                     VisibleOrganisation(*store_, s, caller, "id", id));
    RETURN_IF_ERROR(CheckEtag(etag, o.etag));
    if (o.id == caller.organisation_id || o.parent_id.empty()) {
      return absl::PermissionDeniedError(
          "an organisation cannot close itself; its parent closes it");
    }
    if (o.state == OrganisationState::kClosed) {
      return absl::FailedPreconditionError(
          "the organisation is already closed");
    }
    ASSIGN_OR_RETURN(bool children, store_->HasActiveChildren(s, o.id));
    if (children) {
      return absl::FailedPreconditionError(
          "the organisation still has open sub-organisations");
    }
    ASSIGN_OR_RETURN(int64_t holders, store_->CountHolders(s, o.id));
    if (holders > 0) {
      return absl::FailedPreconditionError(
          absl::StrCat("the organisation still has ", holders,
                       " active or retired members; transfer them or record "
                       "their leaving first"));
    }
    o.state = OrganisationState::kClosed;
    o.update_time = clock_->Now();
    o.etag = NewId();
    RETURN_IF_ERROR(store_->UpdateOrganisation(s, o));
    v1::Organisation payload = ToProto(o);
    RETURN_IF_ERROR(outbox::Record(
        s, caller, *clock_,
        {"membership.organisation.closed", o.id, o.path, &payload, ""}));
    return o;
  });
}

}  // namespace unionhub::membership
