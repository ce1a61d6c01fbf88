#include "gateway/key_service.h"

#include "absl/strings/str_cat.h"
#include "gateway/convert.h"
#include "libs/auth/visible.h"
#include "libs/base/errors.h"
#include "libs/base/ids.h"
#include "libs/base/status_macros.h"
#include "libs/base/text.h"
#include "libs/outbox/outbox.h"

namespace unionhub::gateway {
namespace {

// Bounds the cache against floods of made-up key ids.
constexpr size_t kMaxCachedKeys = 100000;
constexpr char kBootstrapCreator[] = "bootstrap";

bool IssuableRole(auth::Role role) {
  return role == auth::Role::kViewer || role == auth::Role::kUnionAdmin ||
         role == auth::Role::kFederationAdmin;
}

}  // namespace

// Stored times keep microseconds; answers carry what a later read will see.
absl::Time KeyService::Now() const {
  return absl::FromUnixMicros(absl::ToUnixMicros(clock_->Now()));
}

int RoleRank(auth::Role role) {
  switch (role) {
    case auth::Role::kViewer:
      return 1;
    case auth::Role::kUnionAdmin:
      return 2;
    case auth::Role::kFederationAdmin:
      return 3;
    default:
      return 0;
  }
}

KeyService::KeyService(sql::Database* db, OrganisationDirectory* directory,
                       const Clock* clock, absl::Duration cache_ttl)
    : db_(db), directory_(directory), clock_(clock), cache_ttl_(cache_ttl) {}

absl::StatusOr<std::shared_ptr<const ApiKey>> KeyService::LoadKey(
    absl::string_view id) {
  absl::Time now = clock_->Now();
  {
    absl::MutexLock lock(&mu_);
    auto it = cache_.find(id);
    if (it != cache_.end() && now - it->second.loaded < cache_ttl_)
      return it->second.key;
    auto unknown = unknown_.find(id);
    if (unknown != unknown_.end() && now - unknown->second < cache_ttl_)
      return nullptr;
  }
  std::optional<ApiKey> found;
  RETURN_IF_ERROR(db_->Read([&](sql::Session& s) -> absl::Status {
    ASSIGN_OR_RETURN(found, store_.Find(s, id));
    return absl::OkStatus();
  }));
  absl::MutexLock lock(&mu_);
  if (!found) {
    if (unknown_.size() >= kMaxCachedKeys) unknown_.clear();
    unknown_[id] = now;
    return nullptr;
  }
  auto key = std::make_shared<const ApiKey>(*std::move(found));
  if (cache_.size() >= kMaxCachedKeys) cache_.clear();
  cache_[key->id] = {key, now};
  return key;
}

void KeyService::Forget(absl::string_view id) {
  absl::MutexLock lock(&mu_);
  cache_.erase(id);
  unknown_.erase(id);
}

absl::StatusOr<auth::Caller> KeyService::Authenticate(
    absl::string_view authorization) {
  ASSIGN_OR_RETURN(absl::string_view secret, BearerSecret(authorization));
  ASSIGN_OR_RETURN(std::string id, KeyIdOfSecret(secret));
  ASSIGN_OR_RETURN(std::shared_ptr<const ApiKey> key, LoadKey(id));
  // An unknown id and a wrong secret look the same to the caller.
  if (key == nullptr || !SecretMatches(secret, key->secret_hash))
    return absl::UnauthenticatedError("unknown API key");
  if (key->revoke_time) return absl::UnauthenticatedError("API key revoked");
  if (!key->ActiveAt(clock_->Now()))
    return absl::UnauthenticatedError("API key expired");
  auth::Caller caller;
  caller.key_id = key->id;
  caller.organisation_id = key->organisation_id;
  caller.organisation_path = key->organisation_path;
  caller.role = key->role;
  return caller;
}

absl::StatusOr<IssuedKey> KeyService::Issue(const auth::Caller& caller,
                                            const IssueKeyRequest& request) {
  absl::Time now = Now();
  Violations v;
  v.Merge("request_id", outbox::CheckRequestId(request.idempotency.request_id));
  v.Merge("display_name", CheckText("display_name", request.display_name,
                                    kMaxDisplayName, Required::kYes));
  if (!IssuableRole(request.role)) {
    v.Add("role",
          "must be ROLE_VIEWER, ROLE_UNION_ADMIN or ROLE_FEDERATION_ADMIN");
  }
  if (request.expire_time && *request.expire_time <= now)
    v.Add("expire_time", "must lie in the future");
  if (!request.organisation_id.empty())
    v.Merge("organisation_id",
            CheckId("organisation_id", request.organisation_id));
  RETURN_IF_ERROR(v.Status());
  if (RoleRank(request.role) > RoleRank(caller.role)) {
    return absl::PermissionDeniedError(absl::StrCat(
        "a ", auth::RoleName(caller.role), " key may issue keys up to ",
        auth::RoleName(caller.role), ", not ", auth::RoleName(request.role)));
  }

  OrganisationRef organisation{caller.organisation_id,
                               caller.organisation_path};
  if (!request.organisation_id.empty() &&
      request.organisation_id != caller.organisation_id) {
    ASSIGN_OR_RETURN(organisation,
                     directory_->Find(caller, request.organisation_id));
  }
  if (!caller.Covers(organisation.path))
    return absl::NotFoundError("organisation not found");

  ASSIGN_OR_RETURN(
      IssuedKey issued,
      db_->Write([&](sql::Session& s) -> absl::StatusOr<IssuedKey> {
        return outbox::Once(
            s, caller, request.idempotency, *clock_,
            [&]() -> absl::StatusOr<IssuedKey> {
              ApiKey key;
              key.id = NewId();
              std::string secret = NewSecret(key.id);
              key.secret_hash = HashSecret(secret);
              key.display_name = request.display_name;
              key.organisation_id = organisation.id;
              key.organisation_path = organisation.path;
              key.role = request.role;
              key.create_time = now;
              key.created_by_key_id = caller.key_id;
              key.expire_time = request.expire_time;
              RETURN_IF_ERROR(store_.Insert(s, key));
              v1::ApiKey payload = ToProto(key);
              RETURN_IF_ERROR(outbox::Record(
                  s, caller, *clock_,
                  {"gateway.api_key.issued", key.id, key.organisation_path,
                   &payload, absl::StrCat("role ", auth::RoleName(key.role))}));
              return IssuedKey{std::move(key), std::move(secret)};
            },
            [](const IssuedKey& made) { return made.key.id; },
            // A retry gets the key without its secret, which is never kept.
            [&](const std::string& id) -> absl::StatusOr<IssuedKey> {
              ASSIGN_OR_RETURN(ApiKey key,
                               outbox::MadeEarlier(store_.Find(s, id)));
              return IssuedKey{std::move(key), ""};
            });
      }));
  Forget(issued.key.id);
  return issued;
}

absl::StatusOr<Page<ApiKey>> KeyService::List(const auth::Caller& caller,
                                              const KeyQuery& query) {
  Violations v;
  PageRequest page =
      ReadPageRequest(v, query.page_size, query.page_token, 'k', 2);
  if (!query.organisation_id.empty())
    v.Merge("organisation_id",
            CheckId("organisation_id", query.organisation_id));
  RETURN_IF_ERROR(v.Status());

  std::string path = caller.organisation_path;
  if (!query.organisation_id.empty() &&
      query.organisation_id != caller.organisation_id) {
    ASSIGN_OR_RETURN(OrganisationRef organisation,
                     directory_->Find(caller, query.organisation_id));
    if (!caller.Covers(organisation.path))
      return absl::NotFoundError("organisation not found");
    path = organisation.path;
  }
  KeyListQuery q;
  q.path_prefix = path;
  q.include_inactive = query.include_inactive;
  q.now = clock_->Now();
  if (!page.after.empty()) {
    q.after_path = page.after[0];
    q.after_id = page.after[1];
  }
  q.limit = page.limit();
  std::vector<ApiKey> rows;
  RETURN_IF_ERROR(db_->Read([&](sql::Session& s) -> absl::Status {
    ASSIGN_OR_RETURN(rows, store_.List(s, q));
    return absl::OkStatus();
  }));
  return MakePage(std::move(rows), page.size, 'k', [](const ApiKey& k) {
    return std::vector<std::string>{k.organisation_path, k.id};
  });
}

absl::StatusOr<ApiKey> KeyService::Revoke(const auth::Caller& caller,
                                          absl::string_view id,
                                          absl::string_view reason) {
  Violations v;
  v.Merge("id", CheckId("id", id));
  v.Merge("reason",
          CheckText("reason", reason, kMaxRevokeReason, Required::kNo));
  RETURN_IF_ERROR(v.Status());
  absl::Time now = Now();
  ASSIGN_OR_RETURN(
      ApiKey revoked,
      db_->Write([&](sql::Session& s) -> absl::StatusOr<ApiKey> {
        ASSIGN_OR_RETURN(
            ApiKey key,
            auth::FindVisible(
                caller, "API key", "id", id, &ApiKey::organisation_path,
                [&](absl::string_view id) { return store_.Find(s, id); }));
        if (key.revoke_time) return key;  // Already revoked.
        if (RoleRank(key.role) > RoleRank(caller.role)) {
          return absl::PermissionDeniedError(absl::StrCat(
              "a ", auth::RoleName(caller.role), " key may not revoke a ",
              auth::RoleName(key.role), " key"));
        }
        if (key.role == auth::Role::kFederationAdmin && key.ActiveAt(now)) {
          // Someone must still be able to issue keys for the key's
          // organisation.
          ASSIGN_OR_RETURN(int64_t admins, store_.CountActiveAdmins(
                                               s, key.organisation_id, now));
          if (admins <= 1) {
            return absl::FailedPreconditionError(
                "this is the last active federation-admin key of its "
                "organisation: issue another before revoking it");
          }
        }
        key.revoke_time = now;
        key.revoked_by_key_id = caller.key_id;
        key.revoke_reason = std::string(reason);
        RETURN_IF_ERROR(store_.Revoke(s, key));
        v1::ApiKey payload = ToProto(key);
        RETURN_IF_ERROR(outbox::Record(
            s, caller, *clock_,
            {"gateway.api_key.revoked", key.id, key.organisation_path, &payload,
             absl::StrCat("reason: ", reason)}));
        return key;
      }));
  Forget(revoked.id);
  return revoked;
}

absl::StatusOr<ApiKey> KeyService::WhoAmI(const auth::Caller& caller) {
  ASSIGN_OR_RETURN(std::optional<ApiKey> key, db_->Read([&](sql::Session& s) {
    return store_.Find(s, caller.key_id);
  }));
  if (!key) return absl::NotFoundError("API key not found");
  return *key;
}

absl::StatusOr<std::string> KeyService::Bootstrap(absl::string_view secret) {
  ASSIGN_OR_RETURN(bool any,
                   db_->Read([&](sql::Session& s) { return store_.Any(s); }));
  if (any) return std::string();
  ASSIGN_OR_RETURN(OrganisationRef root, directory_->Root());

  ApiKey key;
  std::string created;
  if (secret.empty()) {
    key.id = NewId();
    created = NewSecret(key.id);
    secret = created;
  } else {
    absl::StatusOr<std::string> id = KeyIdOfSecret(secret);
    if (!id.ok()) {
      return absl::InvalidArgumentError(
          "the bootstrap key file does not hold a key of the form "
          "uhk_<16 hex digits>_<43 characters>");
    }
    key.id = *id;
  }
  key.secret_hash = HashSecret(secret);
  key.display_name = "bootstrap federation admin";
  key.organisation_id = root.id;
  key.organisation_path = root.path;
  key.role = auth::Role::kFederationAdmin;
  key.create_time = Now();
  key.created_by_key_id = kBootstrapCreator;
  ASSIGN_OR_RETURN(
      bool issued, db_->Write([&](sql::Session& s) -> absl::StatusOr<bool> {
        ASSIGN_OR_RETURN(bool raced, store_.Any(s));
        if (raced) return false;  // Another replica bootstrapped first.
        RETURN_IF_ERROR(store_.Insert(s, key));
        auth::Caller system =
            auth::ServiceCaller(kBootstrapCreator, root.id, root.path);
        v1::ApiKey payload = ToProto(key);
        RETURN_IF_ERROR(
            outbox::Record(s, system, *clock_,
                           {"gateway.api_key.issued", key.id, root.path,
                            &payload, "bootstrap key of a fresh install"}));
        return true;
      }));
  return issued ? created : std::string();
}

}  // namespace unionhub::gateway
