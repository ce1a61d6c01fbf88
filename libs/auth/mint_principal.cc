// Mints a signed principal for development, from the shared secret, so that a
// service can be called directly (e.g. with grpcurl or buf curl) before the
// gateway exists:
//
//   mint-principal --organisation_path=/<root>/ --role=federation_admin
//                  --secret_file=var/principal.secret
//
// Prints the metadata line to send: "x-unionhub-principal: <token>".
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_split.h"
#include "libs/auth/principal.h"
#include "libs/crypto/crypto.h"

ABSL_FLAG(std::string, organisation_path, "",
          "Path of the caller's organisation.");
ABSL_FLAG(std::string, role, "federation_admin",
          "viewer, union_admin, federation_admin or service.");
ABSL_FLAG(std::string, key_id, "dev", "Key id recorded in logs and audit.");
ABSL_FLAG(int, ttl_minutes, 60, "Minutes until it expires.");
ABSL_FLAG(
    std::string, secret_file, "",
    "File with the shared secret (else UNIONHUB_PRINCIPAL_SECRET[_FILE]).");

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "Mints a signed unionhub principal for development.");
  absl::ParseCommandLine(argc, argv);
  using unionhub::auth::Role;
  const std::string role = absl::GetFlag(FLAGS_role);
  Role r = role == "viewer"             ? Role::kViewer
           : role == "union_admin"      ? Role::kUnionAdmin
           : role == "federation_admin" ? Role::kFederationAdmin
           : role == "service"          ? Role::kService
                                        : Role::kUnspecified;
  std::string path = absl::GetFlag(FLAGS_organisation_path);
  std::vector<std::string> ids = absl::StrSplit(path, '/', absl::SkipEmpty());
  if (r == Role::kUnspecified || ids.empty()) {
    std::cerr << "need --organisation_path=/<id>/.../ and a known --role\n";
    return 2;
  }
  auto secret = unionhub::crypto::LoadSecret("UNIONHUB_PRINCIPAL_SECRET",
                                             absl::GetFlag(FLAGS_secret_file));
  if (!secret.ok()) {
    std::cerr << secret.status() << "\n";
    return 2;
  }
  auto signer = unionhub::auth::PrincipalSigner::Create(*secret);
  if (!signer.ok()) {
    std::cerr << signer.status() << "\n";
    return 2;
  }
  unionhub::auth::Caller c;
  c.key_id = absl::GetFlag(FLAGS_key_id);
  c.organisation_id = ids.back();
  c.organisation_path = path;
  c.role = r;
  c.expires = absl::Now() + absl::Minutes(absl::GetFlag(FLAGS_ttl_minutes));
  std::cout << unionhub::auth::kPrincipalMetadataKey << ": " << signer->Sign(c)
            << "\n";
  return 0;
}
