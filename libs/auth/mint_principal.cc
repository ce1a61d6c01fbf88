// Mints a signed principal for development, with a private key the services
// trust (the gateway's, in development), so that a service can be called
// directly (e.g. with grpcurl or buf curl):
//
//   mint-principal --organisation_path=/<root>/ --role=federation_admin
//                  --signing_key_file=var/gateway.key
//
// Prints the metadata line to send: "x-unionhub-principal: <token>".
// With --print_public_key it prints the key's line for a public keys file
// instead ("gateway <base64>", or "service <base64>" with --role=service).
#include <iostream>
#include <optional>

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
ABSL_FLAG(std::string, signing_key_file, "",
          "File with the base64 Ed25519 private key (else "
          "UNIONHUB_SIGNING_KEY[_FILE]).");
ABSL_FLAG(bool, print_public_key, false,
          "Print the key's public keys file line instead of a principal.");

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
  auto seed = unionhub::crypto::LoadSecret(
      "UNIONHUB_SIGNING_KEY", absl::GetFlag(FLAGS_signing_key_file));
  if (!seed.ok()) {
    std::cerr << seed.status() << "\n";
    return 2;
  }
  auto key = unionhub::crypto::SigningKey::FromSeed(*seed);
  if (!key.ok()) {
    std::cerr << key.status() << "\n";
    return 2;
  }
  if (absl::GetFlag(FLAGS_print_public_key)) {
    std::cout << unionhub::auth::PublicKeyLine(
                     r == Role::kService ? unionhub::auth::KeyKind::kService
                                         : unionhub::auth::KeyKind::kGateway,
                     key->public_key())
              << "\n";
    return 0;
  }
  std::string path = absl::GetFlag(FLAGS_organisation_path);
  std::vector<std::string> ids = absl::StrSplit(path, '/', absl::SkipEmpty());
  if (r == Role::kUnspecified || ids.empty()) {
    std::cerr << "need --organisation_path=/<id>/.../ and a known --role\n";
    return 2;
  }
  std::optional<unionhub::auth::PrincipalSigner> signer;
  signer.emplace(*std::move(key));
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
