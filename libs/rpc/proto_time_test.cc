#include "libs/rpc/proto_time.h"

#include "gtest/gtest.h"

namespace unionhub::rpc {
namespace {

TEST(ProtoTimeTest, NanosCountUpFromTheSecondBefore1970Too) {
  struct Case {
    absl::Time time;
    int64_t seconds;
    int32_t nanos;
  } cases[] = {
      {absl::UnixEpoch(), 0, 0},
      {absl::FromUnixMicros(1700000000123456), 1700000000, 123456000},
      {absl::FromUnixNanos(-1), -1, 999999999},
      {absl::FromUnixMillis(-500), -1, 500000000},
      {absl::FromUnixSeconds(-86400), -86400, 0},
      // 1950-01-01T00:00:00.25Z, a birth date's day at most, but valid.
      {absl::FromUnixMillis(-631152000000 + 250), -631152000, 250000000},
  };
  for (const Case& c : cases) {
    google::protobuf::Timestamp t = ToProtoTime(c.time);
    EXPECT_EQ(t.seconds(), c.seconds) << c.time;
    EXPECT_EQ(t.nanos(), c.nanos) << c.time;
    EXPECT_GE(t.nanos(), 0);
    EXPECT_LT(t.nanos(), 1000000000);
    EXPECT_EQ(FromProtoTime(t), c.time);
  }
}

}  // namespace
}  // namespace unionhub::rpc
