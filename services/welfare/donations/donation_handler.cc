#include "services/welfare/donations/donation_handler.h"

#include "libs/base/status_macros.h"
#include "libs/rpc/enums.h"
#include "services/welfare/convert.h"

namespace unionhub::welfare {
namespace {

absl::StatusOr<DonationForm> FormOf(absl::string_view field, int form) {
  return rpc::FromProtoEnum<DonationForm>(field, form,
                                          v1::DonationForm_IsValid);
}

}  // namespace

grpc::ServerUnaryReactor* DonationHandler::CreateDonationDrive(
    grpc::CallbackServerContext* context,
    const v1::CreateDonationDriveRequest* request,
    v1::CreateDonationDriveResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        const v1::DonationDrive& in = request->drive();
        NewDonationDrive n;
        n.organisation_id = in.organisation_id();
        n.name = in.name();
        ASSIGN_OR_RETURN(n.purpose, rpc::FromProtoEnum<DonationPurpose>(
                                        "drive.purpose", in.purpose(),
                                        v1::DonationPurpose_IsValid));
        n.start_date = in.start_date();
        n.end_date = in.end_date();
        ASSIGN_OR_RETURN(
            DonationDrive d,
            service_->CreateDrive(caller, outbox::RequestKeyOf(*request), n));
        *response->mutable_drive() = ToProto(d);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* DonationHandler::GetDonationDrive(
    grpc::CallbackServerContext* context,
    const v1::GetDonationDriveRequest* request,
    v1::GetDonationDriveResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(DonationDrive d,
                         service_->GetDrive(caller, request->id()));
        *response->mutable_drive() = ToProto(d);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* DonationHandler::ListDonationDrives(
    grpc::CallbackServerContext* context,
    const v1::ListDonationDrivesRequest* request,
    v1::ListDonationDrivesResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            DonationPurpose purpose,
            rpc::FromProtoEnum<DonationPurpose>("purpose", request->purpose(),
                                                v1::DonationPurpose_IsValid));
        ASSIGN_OR_RETURN(
            Page<DonationDrive> page,
            service_->ListDrives(caller, request->organisation_id(), purpose,
                                 request->page_size(), request->page_token()));
        for (const DonationDrive& d : page.items)
          *response->add_drives() = ToProto(d);
        response->set_next_page_token(page.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* DonationHandler::CloseDonationDrive(
    grpc::CallbackServerContext* context,
    const v1::CloseDonationDriveRequest* request,
    v1::CloseDonationDriveResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            DonationDrive d,
            service_->CloseDrive(caller, request->id(), request->etag()));
        *response->mutable_drive() = ToProto(d);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* DonationHandler::RecordDonation(
    grpc::CallbackServerContext* context,
    const v1::RecordDonationRequest* request,
    v1::RecordDonationResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        const v1::Donation& in = request->donation();
        NewDonation n;
        n.drive_id = in.drive_id();
        n.person_id = in.person_id();
        n.donor_unit = in.donor_unit();
        ASSIGN_OR_RETURN(n.form, FormOf("donation.form", in.form()));
        n.pledged = in.pledged();
        n.received = in.received();
        n.item_description = in.item_description();
        n.pledge_date = in.pledge_date();
        ASSIGN_OR_RETURN(
            auto recorded,
            service_->Record(caller, outbox::RequestKeyOf(*request), n));
        *response->mutable_donation() = ToProto(recorded.first);
        *response->mutable_drive() = ToProto(recorded.second);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* DonationHandler::ReceiveDonation(
    grpc::CallbackServerContext* context,
    const v1::ReceiveDonationRequest* request,
    v1::ReceiveDonationResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(
            auto received,
            service_->Receive(caller, outbox::RequestKeyOf(*request),
                              request->donation_id(), request->amount()));
        *response->mutable_donation() = ToProto(received.first);
        *response->mutable_drive() = ToProto(received.second);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* DonationHandler::ListDonations(
    grpc::CallbackServerContext* context,
    const v1::ListDonationsRequest* request,
    v1::ListDonationsResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(Page<Donation> page,
                         service_->ListDonations(caller, request->drive_id(),
                                                 request->page_size(),
                                                 request->page_token()));
        for (const Donation& d : page.items)
          *response->add_donations() = ToProto(d);
        response->set_next_page_token(page.next_page_token);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* DonationHandler::AllocateDonation(
    grpc::CallbackServerContext* context,
    const v1::AllocateDonationRequest* request,
    v1::AllocateDonationResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        const v1::DonationAllocation& in = request->allocation();
        NewDonationAllocation n;
        n.drive_id = in.drive_id();
        n.person_id = in.person_id();
        n.beneficiary = in.beneficiary();
        ASSIGN_OR_RETURN(n.form, FormOf("allocation.form", in.form()));
        n.amount = in.amount();
        n.allocation_date = in.allocation_date();
        ASSIGN_OR_RETURN(
            auto allocated,
            service_->Allocate(caller, outbox::RequestKeyOf(*request), n));
        *response->mutable_allocation() = ToProto(allocated.first);
        *response->mutable_drive() = ToProto(allocated.second);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* DonationHandler::ListDonationAllocations(
    grpc::CallbackServerContext* context,
    const v1::ListDonationAllocationsRequest* request,
    v1::ListDonationAllocationsResponse* response) {
  return rpc::Unary(
      context, request, response, env_, [=](const auth::Caller& caller) {
        ASSIGN_OR_RETURN(Page<DonationAllocation> page,
                         service_->ListAllocations(caller, request->drive_id(),
                                                   request->page_size(),
                                                   request->page_token()));
        for (const DonationAllocation& a : page.items)
          *response->add_allocations() = ToProto(a);
        response->set_next_page_token(page.next_page_token);
        return absl::OkStatus();
      });
}

}  // namespace unionhub::welfare
