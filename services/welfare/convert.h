// Welfare's domain records as proto messages (responses and event payloads).
#ifndef UNIONHUB_SERVICES_WELFARE_CONVERT_H_
#define UNIONHUB_SERVICES_WELFARE_CONVERT_H_

#include "libs/auth/principal.h"
#include "services/welfare/domain.h"
#include "unionhub/welfare/v1/applications.pb.h"
#include "unionhub/welfare/v1/campaigns.pb.h"
#include "unionhub/welfare/v1/cases.pb.h"
#include "unionhub/welfare/v1/condolences.pb.h"
#include "unionhub/welfare/v1/donations.pb.h"
#include "unionhub/welfare/v1/funds.pb.h"
#include "unionhub/welfare/v1/hardship.pb.h"
#include "unionhub/welfare/v1/insurance.pb.h"
#include "unionhub/welfare/v1/students.pb.h"

namespace unionhub::welfare {

v1::HardshipFile ToProto(const HardshipFile& f);
v1::HardshipObjection ToProto(const HardshipObjection& o);
v1::HardshipFileStep ToProto(const HardshipFileStep& s);
v1::Fund ToProto(const Fund& f);
v1::Campaign ToProto(const Campaign& c);
v1::AidApplication ToProto(const AidApplication& a);
v1::AidApplicationStep ToProto(const AidApplicationStep& s);
v1::AidPayment ToProto(const AidPayment& p);
v1::CondolenceStandard ToProto(const CondolenceStandard& c);
v1::CondolenceVisit ToProto(const CondolenceVisit& v);
v1::Case ToProto(const Case& c);
v1::DonationDrive ToProto(const DonationDrive& d);
v1::Donation ToProto(const Donation& d);
v1::DonationAllocation ToProto(const DonationAllocation& a);
v1::InsuranceEnrolment ToProto(const InsuranceEnrolment& e);
v1::InsuranceClaim ToProto(const InsuranceClaim& c);

// How much of a person's name a message carries: in full for callers who may
// see personal data, masked (first character kept) for the others, none in
// event payloads.
enum class PersonalData { kFull, kMasked, kOmitted };
inline PersonalData PersonalDataFor(const auth::Caller& caller) {
  return caller.MaySeePersonalData() ? PersonalData::kFull
                                     : PersonalData::kMasked;
}
// "张小明" -> "张**".
std::string MaskName(absl::string_view name);
v1::Student ToProto(const Student& r, PersonalData personal_data);
v1::StudentAward ToProto(const StudentAward& w, PersonalData personal_data);
v1::SummarizeStudentAidResponse ToProto(const StudentAidSummary& s);

}  // namespace unionhub::welfare

#endif  // UNIONHUB_SERVICES_WELFARE_CONVERT_H_
