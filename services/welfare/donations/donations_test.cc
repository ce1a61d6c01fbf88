// Donation drives on both backends against a real membership: totals that
// always equal the sums of their records, receipts within pledges, gifts
// within receipts even when made at once, and bad input and other tenants.
#include "services/welfare/donations/donations.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "services/welfare/testing.h"

namespace unionhub::welfare {
namespace {

using ::testing::HasSubstr;
using testing::HasViolation;
using testing::StatusIs;

class DonationTest : public WelfareTest {
 protected:
  void SetUp() override {
    WelfareTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    donations_ = std::make_unique<Donations>(db_.db.get(),
                                             membership_client_.get(), &clock_);
    auto d = donations_->CreateDrive(
        admin_a_, {},
        {"", "援助灾区", DonationPurpose::kDisasterRelief, "2026-11-01",
         "2026-11-30"});
    ASSERT_TRUE(d.ok()) << d.status();
    drive_ = *d;
  }

  NewDonation Money(int64_t pledged, int64_t received) {
    NewDonation n;
    n.drive_id = drive_.id;
    n.donor_unit = "初三年级组";
    n.form = DonationForm::kMoney;
    n.pledged = pledged;
    n.received = received;
    n.pledge_date = "2026-11-10";
    return n;
  }

  NewDonationAllocation Give(DonationForm form, int64_t amount) {
    return {drive_.id, "", "灾区红十字会", form, amount, "2026-11-20"};
  }

  std::unique_ptr<Donations> donations_;
  DonationDrive drive_;
};

TEST_P(DonationTest, TotalsAlwaysEqualTheRecords) {
  auto first = donations_->Record(admin_a_, {}, Money(50000, 50000));
  ASSERT_TRUE(first.ok()) << first.status();
  membership::Member donor =
      membership_->MustCreateMember(school_a_, "周红", 5);
  NewDonation pledge = Money(100000, 0);
  pledge.person_id = donor.person_id;
  pledge.donor_unit = "";
  auto second = donations_->Record(admin_a_, {}, pledge);
  ASSERT_TRUE(second.ok()) << second.status();
  NewDonation clothes;
  clothes.drive_id = drive_.id;
  clothes.form = DonationForm::kItems;
  clothes.pledged = clothes.received = 135;  // Seed: 135 items of clothing.
  clothes.item_description = "冬衣";
  clothes.pledge_date = "2026-11-12";
  ASSERT_TRUE(donations_->Record(admin_a_, {}, clothes).ok());

  // Received in two parts; no more than was pledged.
  ASSERT_TRUE(donations_->Receive(admin_a_, {}, second->first.id, 60000).ok());
  auto over = donations_->Receive(admin_a_, {}, second->first.id, 50000);
  EXPECT_THAT(over, HasViolation("amount"));
  EXPECT_THAT(over.status().message(), HasSubstr("40000"));
  auto rest = donations_->Receive(admin_a_, {}, second->first.id, 40000);
  ASSERT_TRUE(rest.ok()) << rest.status();
  EXPECT_EQ(rest->first.received, 100000);

  // Given within what was received, money and items apart.
  ASSERT_TRUE(
      donations_->Allocate(admin_a_, {}, Give(DonationForm::kMoney, 150000))
          .ok());
  EXPECT_THAT(
      donations_->Allocate(admin_a_, {}, Give(DonationForm::kMoney, 100)),
      StatusIs(absl::StatusCode::kFailedPrecondition));
  ASSERT_TRUE(
      donations_->Allocate(admin_a_, {}, Give(DonationForm::kItems, 135)).ok());
  EXPECT_THAT(donations_->Allocate(admin_a_, {}, Give(DonationForm::kItems, 1)),
              StatusIs(absl::StatusCode::kFailedPrecondition));

  auto drive = donations_->GetDrive(admin_a_, drive_.id);
  ASSERT_TRUE(drive.ok()) << drive.status();
  EXPECT_EQ(drive->pledged_fen, 150000);
  EXPECT_EQ(drive->received_fen, 150000);
  EXPECT_EQ(drive->allocated_fen, 150000);
  EXPECT_EQ(drive->pledged_items, 135);
  EXPECT_EQ(drive->allocated_items, 135);
  EXPECT_EQ(drive->donations, 3);
  // The totals are the sums of the records.
  auto listed = donations_->ListDonations(admin_a_, drive_.id, 50, "");
  ASSERT_TRUE(listed.ok()) << listed.status();
  int64_t pledged_fen = 0, received_fen = 0;
  for (const Donation& d : listed->items) {
    if (d.form != DonationForm::kMoney) continue;
    pledged_fen += d.pledged;
    received_fen += d.received;
  }
  EXPECT_EQ(pledged_fen, drive->pledged_fen);
  EXPECT_EQ(received_fen, drive->received_fen);
}

TEST_P(DonationTest, GiftsMadeAtOnceNeverPassWhatWasReceived) {
  ASSERT_TRUE(donations_->Record(admin_a_, {}, Money(100000, 100000)).ok());
  constexpr int kGifts = 10;
  std::vector<absl::StatusCode> codes(kGifts);
  std::vector<std::thread> threads;
  for (int i = 0; i < kGifts; ++i) {
    threads.emplace_back([&, i] {
      codes[i] =
          donations_->Allocate(admin_a_, {}, Give(DonationForm::kMoney, 20000))
              .status()
              .code();
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(std::count(codes.begin(), codes.end(), absl::StatusCode::kOk), 5);
  auto drive = donations_->GetDrive(admin_a_, drive_.id);
  ASSERT_TRUE(drive.ok()) << drive.status();
  EXPECT_EQ(drive->allocated_fen, 100000);
  EXPECT_EQ(CountRows("donation_allocations"), 5);
}

TEST_P(DonationTest, ClosedDrivesAndBadInputAreRefused) {
  NewDonation bad = Money(-1, 5);
  bad.pledge_date = "2026-10-01";
  auto refused = donations_->Record(admin_a_, {}, bad);
  EXPECT_THAT(refused, HasViolation("donation.pledged"));
  EXPECT_THAT(refused, HasViolation("donation.received"));
  NewDonation items = Money(10, 0);
  items.form = DonationForm::kItems;  // Items need a description.
  EXPECT_THAT(donations_->Record(admin_a_, {}, items),
              HasViolation("donation.item_description"));
  bad.pledged = 100;
  bad.received = 0;
  EXPECT_THAT(donations_->Record(admin_a_, {}, bad),
              HasViolation("donation.pledge_date"));  // Before the drive.
  EXPECT_THAT(donations_->Allocate(
                  admin_a_, {},
                  {drive_.id, "", "", DonationForm::kMoney, 1, "2026-11-20"}),
              HasViolation("allocation.beneficiary"));
  ASSERT_TRUE(donations_->CloseDrive(admin_a_, drive_.id, "").ok());
  EXPECT_THAT(donations_->Record(admin_a_, {}, Money(100, 100)),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(CountRows("donations"), 0);
}

TEST_P(DonationTest, OtherUnionsSeeAndChangeNothing) {
  EXPECT_THAT(donations_->GetDrive(admin_b_, drive_.id),
              StatusIs(absl::StatusCode::kNotFound));
  NewDonation n = Money(100, 100);
  EXPECT_THAT(donations_->Record(admin_b_, {}, n),
              StatusIs(absl::StatusCode::kNotFound));
  // Nor name another union's member as donor.
  n.person_id = membership_->MustCreateMember(school_b_, "吴刚", 6).person_id;
  EXPECT_THAT(donations_->Record(admin_a_, {}, n),
              StatusIs(absl::StatusCode::kNotFound));
  auto district = donations_->ListDrives(district_admin_, "",
                                         DonationPurpose::kUnspecified, 10, "");
  ASSERT_TRUE(district.ok()) << district.status();
  EXPECT_EQ(district->items.size(), 1u);
}

UNIONHUB_ON_BOTH_BACKENDS(DonationTest);

}  // namespace
}  // namespace unionhub::welfare
