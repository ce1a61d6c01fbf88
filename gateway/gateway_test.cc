// The gateway's small parts: key secrets, rate limits, metrics, the Connect
// error form, metadata and deadlines.
#include "absl/strings/match.h"
#include "gateway/api_key.h"
#include "gateway/connect.h"
#include "gateway/connect_json.h"
#include "gateway/front_door.h"
#include "gateway/grpc_wire.h"
#include "gateway/rate_limiter.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "unionhub/membership/v1/organisations.pb.h"

namespace unionhub::gateway {
namespace {

TEST(ApiKeyTest, SecretsCarryTheirKeyId) {
  std::string secret = NewSecret("0123456789abcdef");
  EXPECT_TRUE(absl::StartsWith(secret, "uhk_0123456789abcdef_"));
  EXPECT_EQ(*KeyIdOfSecret(secret), "0123456789abcdef");
  EXPECT_NE(NewSecret("0123456789abcdef"), secret);
  EXPECT_TRUE(SecretMatches(secret, HashSecret(secret)));
  EXPECT_FALSE(SecretMatches(secret + "x", HashSecret(secret)));
  for (std::string bad :
       {std::string(""), std::string("uhk_"), secret.substr(1),
        "uhk_0123456789ABCDEF" + secret.substr(20),  // Upper-case id.
        secret.substr(0, secret.size() - 1) + "!"}) {
    EXPECT_EQ(KeyIdOfSecret(bad).status().code(),
              absl::StatusCode::kUnauthenticated)
        << bad;
  }
}

TEST(ApiKeyTest, BearerHeader) {
  EXPECT_EQ(*BearerSecret("Bearer abc"), "abc");
  EXPECT_EQ(*BearerSecret("BEARER  abc "), "abc");
  EXPECT_FALSE(BearerSecret("").ok());
  EXPECT_FALSE(BearerSecret("Bearer").ok());
  EXPECT_FALSE(BearerSecret("Token abc").ok());
}

TEST(RateLimiterTest, BurstThenSteadyRatePerKey) {
  FakeClock clock(absl::FromUnixSeconds(1000));
  RateLimiter limiter(10, 3, &clock);  // 10/s, bursts of 3.
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.Allow("a"));
  EXPECT_FALSE(limiter.Allow("a"));
  EXPECT_TRUE(limiter.Allow("b"));         // Another key has its own bucket.
  clock.Advance(absl::Milliseconds(100));  // One token back.
  EXPECT_TRUE(limiter.Allow("a"));
  EXPECT_FALSE(limiter.Allow("a"));
  clock.Advance(absl::Seconds(60));  // Never more than the burst.
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.Allow("a"));
  EXPECT_FALSE(limiter.Allow("a"));
}

TEST(RateLimiterTest, ZeroRateMeansNoLimit) {
  FakeClock clock(absl::FromUnixSeconds(1000));
  RateLimiter limiter(0, 1, &clock);
  for (int i = 0; i < 1000; ++i) ASSERT_TRUE(limiter.Allow("a"));
}

TEST(ConnectJsonTest, DecodesWhatProtobufDoes) {
  const auto* type = membership::v1::CreateOrganisationRequest::descriptor();
  auto binary = JsonToBinary(
      type, R"({"organisation": {"parentId": "p", "name": "\u4e1c\u533a",
                 "type": "ORGANISATION_TYPE_DISTRICT"}, "requestId": "r"})");
  ASSERT_TRUE(binary.ok()) << binary.status();
  membership::v1::CreateOrganisationRequest request;
  ASSERT_TRUE(request.ParseFromString(*binary));
  EXPECT_EQ(request.organisation().name(), "东区");
  EXPECT_EQ(request.organisation().type(),
            membership::v1::ORGANISATION_TYPE_DISTRICT);
  EXPECT_TRUE(JsonToBinary(type, "").ok()) << "an empty body is {}";
  EXPECT_TRUE(JsonToBinary(type, R"({"organisation": {"type": 3}})").ok())
      << "a known value by number";
}

TEST(ConnectJsonTest, RepeatedKeysAreRefusedNamingTheField) {
  const auto* type = membership::v1::CreateOrganisationRequest::descriptor();
  for (const char* json : {
           R"({"organisation": {"name": "a", "name": "b"}})",
           // The proto and the JSON name of one field.
           R"({"organisation": {"parent_id": "a", "parentId": "b"}})",
           // A key spelt with an escape is the same key.
           R"({"organisation": {"name": "a", "n\u0061me": "b"}})",
       }) {
    auto binary = JsonToBinary(type, json);
    EXPECT_EQ(binary.status().code(), absl::StatusCode::kInvalidArgument)
        << json;
    EXPECT_TRUE(absl::StartsWith(binary.status().message(), "organisation."))
        << binary.status();
  }
  EXPECT_EQ(JsonToBinary(type, R"({"organisation": {}, "organisation": {}})")
                .status()
                .message(),
            "organisation: the key appears twice in one object");
  // The same key in two different objects is fine.
  EXPECT_TRUE(JsonToBinary(type, R"({"organisation": {"name": "a"},
                                     "requestId": "name"})")
                  .ok());
}

TEST(ConnectJsonTest, EnumNumbersThatNameNoValueAreRefused) {
  const auto* type = membership::v1::CreateOrganisationRequest::descriptor();
  auto binary = JsonToBinary(type, R"({"organisation": {"type": 999}})");
  EXPECT_EQ(binary.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StartsWith(binary.status().message(),
                               "organisation.type: 999 is not a value of"))
      << binary.status();
}

TEST(ConnectJsonTest, MalformedJsonIsInvalidArgument) {
  const auto* type = membership::v1::CreateOrganisationRequest::descriptor();
  for (const char* json :
       {"{", "[1,", "{\"organisation\":", "\"\\u12", "nul", "{\"a\" 1}"}) {
    EXPECT_EQ(JsonToBinary(type, json).status().code(),
              absl::StatusCode::kInvalidArgument)
        << json;
  }
  // Deep nesting stops the scan, and the parser says no.
  EXPECT_EQ(JsonToBinary(type, std::string(100000, '[')).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(ConnectTest, HttpStatusFollowsTheProtocolTable) {
  EXPECT_EQ(HttpStatusOf(grpc::StatusCode::INVALID_ARGUMENT), 400);
  EXPECT_EQ(HttpStatusOf(grpc::StatusCode::UNAUTHENTICATED), 401);
  EXPECT_EQ(HttpStatusOf(grpc::StatusCode::PERMISSION_DENIED), 403);
  EXPECT_EQ(HttpStatusOf(grpc::StatusCode::NOT_FOUND), 404);
  EXPECT_EQ(HttpStatusOf(grpc::StatusCode::ABORTED), 409);
  EXPECT_EQ(HttpStatusOf(grpc::StatusCode::RESOURCE_EXHAUSTED), 429);
  EXPECT_EQ(HttpStatusOf(grpc::StatusCode::CANCELLED), 499);
  EXPECT_EQ(HttpStatusOf(grpc::StatusCode::UNIMPLEMENTED), 501);
  EXPECT_EQ(HttpStatusOf(grpc::StatusCode::UNAVAILABLE), 503);
  EXPECT_EQ(HttpStatusOf(grpc::StatusCode::DEADLINE_EXCEEDED), 504);
  EXPECT_EQ(HttpStatusOf(grpc::StatusCode::DATA_LOSS), 500);
}

TEST(ConnectTest, ErrorBodyCarriesDetailsInBase64AndAsDebugJson) {
  google::rpc::BadRequest bad;
  auto* v = bad.add_field_violations();
  v->set_field("member.name");
  v->set_description("太长");
  google::rpc::Status details;
  details.set_code(3);
  details.add_details()->PackFrom(bad);
  grpc::Status status(grpc::StatusCode::INVALID_ARGUMENT, "say \"no\"",
                      details.SerializeAsString());
  std::string json = ConnectErrorJson(status);
  EXPECT_TRUE(absl::StartsWith(
      json, "{\"code\":\"invalid_argument\",\"message\":\"say \\\"no\\\"\""));
  EXPECT_TRUE(absl::StrContains(json, "\"type\":\"google.rpc.BadRequest\""));
  EXPECT_TRUE(absl::StrContains(json, "\"field\":\"member.name\""));
  EXPECT_FALSE(absl::StrContains(json, "="));  // Unpadded base64.
  EXPECT_EQ(ConnectErrorJson(grpc::Status(grpc::StatusCode::CANCELLED, "")),
            "{\"code\":\"canceled\",\"message\":\"\"}");
}

TEST(FrontDoorTest, KeepsCallerKeysPrincipalsAndTransportHeadersBehind) {
  EXPECT_TRUE(ForwardsMetadata("x-request-id"));
  EXPECT_TRUE(ForwardsMetadata("trace-bin"));
  for (const char* key : {"authorization", "x-unionhub-principal", ":path",
                          "grpc-timeout", "content-type", "te", "user-agent"}) {
    EXPECT_FALSE(ForwardsMetadata(key)) << key;
  }
}

TEST(FrontDoorTest, DeadlinesGetADefaultAndAMaximum) {
  FakeClock clock(absl::Now());
  FrontDoorOptions options;
  options.default_deadline = absl::Seconds(30);
  options.max_deadline = absl::Seconds(300);
  FrontDoor door(nullptr, nullptr, nullptr, nullptr, nullptr, &clock, options);
  EXPECT_EQ(door.BackendTimeout(std::nullopt), absl::Seconds(30));
  EXPECT_EQ(door.BackendTimeout(absl::Hours(10)), absl::Seconds(300));
  EXPECT_EQ(door.BackendTimeout(absl::Seconds(2)), absl::Seconds(2));
}

TEST(FrontDoorTest, PrincipalsAreReusedForHalfTheirLifetime) {
  FakeClock clock(absl::FromUnixSeconds(1'000'000));
  auth::PrincipalSigner signer(crypto::SigningKey::Generate());
  auth::PrincipalVerifier verifier(
      {{signer.public_key(), auth::KeyKind::kGateway}});
  FrontDoorOptions options;
  options.principal_ttl = absl::Minutes(5);
  FrontDoor door(nullptr, nullptr, nullptr, nullptr, &signer, &clock, options);
  auth::Caller caller;
  caller.key_id = "0123456789abcdef";
  caller.organisation_id = "00000000000000b2";
  caller.organisation_path = "/00000000000000a1/00000000000000b2/";
  caller.role = auth::Role::kUnionAdmin;

  const std::string first = door.SignPrincipal(caller);
  auto verified = verifier.Verify(first, clock.Now());
  ASSERT_TRUE(verified.ok()) << verified.status();
  EXPECT_EQ(verified->expires, clock.Now() + absl::Minutes(5));

  clock.Advance(absl::Minutes(2));
  EXPECT_EQ(door.SignPrincipal(caller), first);
  // Anything the principal says makes it another principal.
  auth::Caller viewer = caller;
  viewer.role = auth::Role::kViewer;
  auto as_viewer = verifier.Verify(door.SignPrincipal(viewer), clock.Now());
  ASSERT_TRUE(as_viewer.ok());
  EXPECT_EQ(as_viewer->role, auth::Role::kViewer);

  // With less than half its lifetime left, a new one with a later expiry.
  clock.Advance(absl::Seconds(31));
  const std::string second = door.SignPrincipal(caller);
  EXPECT_NE(second, first);
  auto renewed = verifier.Verify(second, clock.Now());
  ASSERT_TRUE(renewed.ok());
  EXPECT_EQ(renewed->expires, clock.Now() + absl::Minutes(5));
}

TEST(FrontDoorTest, GrpcTimeoutHeader) {
  absl::Duration d;
  ASSERT_TRUE(ParseGrpcTimeout("250m", &d));
  EXPECT_EQ(d, absl::Milliseconds(250));
  ASSERT_TRUE(ParseGrpcTimeout("3S", &d));
  EXPECT_EQ(d, absl::Seconds(3));
  ASSERT_TRUE(ParseGrpcTimeout("1H", &d));
  EXPECT_EQ(d, absl::Hours(1));
  EXPECT_FALSE(ParseGrpcTimeout("", &d));
  EXPECT_FALSE(ParseGrpcTimeout("12", &d));
  EXPECT_FALSE(ParseGrpcTimeout("123456789S", &d));  // Over 8 digits.
  EXPECT_EQ(GrpcTimeout(absl::Seconds(30)), "30000m");
  EXPECT_EQ(GrpcTimeout(absl::Microseconds(10)), "1m");
}

}  // namespace
}  // namespace unionhub::gateway
