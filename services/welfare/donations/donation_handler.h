// gRPC front of v1::DonationService (donation drives): proto in, domain call,
// proto out.
#ifndef UNIONHUB_SERVICES_WELFARE_DONATIONS_DONATION_HANDLER_H_
#define UNIONHUB_SERVICES_WELFARE_DONATIONS_DONATION_HANDLER_H_

#include "libs/rpc/call.h"
#include "services/welfare/donations/donations.h"
#include "unionhub/welfare/v1/donations.grpc.pb.h"

namespace unionhub::welfare {

class DonationHandler final : public v1::DonationService::CallbackService {
 public:
  DonationHandler(Donations* service, rpc::CallEnv env)
      : service_(service), env_(env) {}

  grpc::ServerUnaryReactor* CreateDonationDrive(
      grpc::CallbackServerContext* context,
      const v1::CreateDonationDriveRequest* request,
      v1::CreateDonationDriveResponse* response) override;
  grpc::ServerUnaryReactor* GetDonationDrive(
      grpc::CallbackServerContext* context,
      const v1::GetDonationDriveRequest* request,
      v1::GetDonationDriveResponse* response) override;
  grpc::ServerUnaryReactor* ListDonationDrives(
      grpc::CallbackServerContext* context,
      const v1::ListDonationDrivesRequest* request,
      v1::ListDonationDrivesResponse* response) override;
  grpc::ServerUnaryReactor* CloseDonationDrive(
      grpc::CallbackServerContext* context,
      const v1::CloseDonationDriveRequest* request,
      v1::CloseDonationDriveResponse* response) override;
  grpc::ServerUnaryReactor* RecordDonation(
      grpc::CallbackServerContext* context,
      const v1::RecordDonationRequest* request,
      v1::RecordDonationResponse* response) override;
  grpc::ServerUnaryReactor* ReceiveDonation(
      grpc::CallbackServerContext* context,
      const v1::ReceiveDonationRequest* request,
      v1::ReceiveDonationResponse* response) override;
  grpc::ServerUnaryReactor* ListDonations(
      grpc::CallbackServerContext* context,
      const v1::ListDonationsRequest* request,
      v1::ListDonationsResponse* response) override;
  grpc::ServerUnaryReactor* AllocateDonation(
      grpc::CallbackServerContext* context,
      const v1::AllocateDonationRequest* request,
      v1::AllocateDonationResponse* response) override;
  grpc::ServerUnaryReactor* ListDonationAllocations(
      grpc::CallbackServerContext* context,
      const v1::ListDonationAllocationsRequest* request,
      v1::ListDonationAllocationsResponse* response) override;

 private:
  Donations* service_;
  rpc::CallEnv env_;
};

}  // namespace unionhub::welfare

#endif  // UNIONHUB_SERVICES_WELFARE_DONATIONS_DONATION_HANDLER_H_
