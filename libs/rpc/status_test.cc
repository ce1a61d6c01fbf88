#include "libs/rpc/status.h"

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "libs/base/errors.h"

namespace unionhub::rpc {
namespace {

TEST(StatusTest, InvalidArgumentCarriesBadRequest) {
  Violations v;
  v.Add("member.id_number", "check digit is wrong");
  v.Add("member.join_date", "is in the future");
  grpc::Status g = ToGrpcStatus(v.Status());
  EXPECT_EQ(g.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(g.error_details()));
  google::rpc::BadRequest bad;
  ASSERT_EQ(details.details_size(), 1);
  ASSERT_TRUE(details.details(0).UnpackTo(&bad));
  ASSERT_EQ(bad.field_violations_size(), 2);
  EXPECT_EQ(bad.field_violations(1).field(), "member.join_date");
}

TEST(StatusTest, StorageAndInternalTextNeverLeaks) {
  grpc::Status g = ToGrpcStatus(MarkStorageError(
      absl::UnavailableError("mysql 2013 at 10.0.0.5 table members")));
  EXPECT_EQ(g.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(g.error_message().find("members"), std::string::npos);
  g = ToGrpcStatus(
      MarkStorageError(absl::AlreadyExistsError("Duplicate entry 'x'")));
  EXPECT_EQ(g.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(g.error_message().find("Duplicate"), std::string::npos);
  g = ToGrpcStatus(absl::InternalError("segfault in foo.cc"));
  EXPECT_EQ(g.error_message(), "internal error");
}

TEST(StatusTest, DomainErrorsKeepCodeAndMessage) {
  grpc::Status g = ToGrpcStatus(absl::AbortedError("etag is stale"));
  EXPECT_EQ(g.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(g.error_message(), "etag is stale");
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
}

}  // namespace
}  // namespace unionhub::rpc
