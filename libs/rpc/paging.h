// Page tokens bound to the request they were issued for. Every List takes
// page_size and page_token and answers next_page_token; the call path wraps
// each next_page_token with a fingerprint of the request's other fields (its
// filters) and checks it when the token comes back, so a token reused with
// other filters is INVALID_ARGUMENT instead of a page of something else.
// Handlers see only the domain's own tokens (libs/base/paging.h).
#ifndef UNIONHUB_LIBS_RPC_PAGING_H_
#define UNIONHUB_LIBS_RPC_PAGING_H_

#include <google/protobuf/message.h>

#include <string>

#include "absl/status/status.h"

namespace unionhub::rpc {

class PageBinding final {
 public:
  // For a request without a page_token field, binds nothing.
  explicit PageBinding(const google::protobuf::Message& request);

  // Replaces the request's page_token by the domain token inside it;
  // INVALID_ARGUMENT naming page_token when it was issued for other filters
  // or is not one of ours.
  absl::Status Unwrap(google::protobuf::Message& request) const;
  // Wraps the response's next_page_token (if any) for the same filters.
  void Wrap(google::protobuf::Message& response) const;

 private:
  bool bound_ = false;
  std::string filters_;  // Fingerprint of the request without paging fields.
};

}  // namespace unionhub::rpc

#endif  // UNIONHUB_LIBS_RPC_PAGING_H_
