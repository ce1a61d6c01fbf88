// libFuzzer target: Connect JSON request bodies, decoded as the gateway
// decodes them. Input: byte 0 picks the message type (every request of the
// API and every message its files define); the rest is the body. Beyond "no
// crash, no leak, no undefined behaviour", what is accepted must survive a
// round trip: binary -> JSON -> binary gives the same message.
#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/util/message_differencer.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

#include "gateway/connect_json.h"
#include "unionhub/gateway/v1/auth.pb.h"

namespace {

using google::protobuf::Descriptor;

// The files of the public API (gateway_lib links membership's whole; the
// gateway's own is linked in by naming it below).
constexpr const char* kApiFiles[] = {
    "unionhub/gateway/v1/auth.proto",
    "unionhub/membership/v1/activities.proto",
    "unionhub/membership/v1/committees.proto",
    "unionhub/membership/v1/enterprises.proto",
    "unionhub/membership/v1/members.proto",
    "unionhub/membership/v1/model_workers.proto",
    "unionhub/membership/v1/organisations.proto",
};

const std::vector<const Descriptor*>& Types() {
  static const auto* types = [] {
    auto* out = new std::vector<const Descriptor*>;
    (void)unionhub::gateway::v1::WhoAmIRequest::descriptor();
    for (const char* name : kApiFiles) {
      const auto* file =
          google::protobuf::DescriptorPool::generated_pool()->FindFileByName(
              name);
      if (file == nullptr) {
        std::fprintf(stderr, "%s is not linked in\n", name);
        std::abort();
      }
      for (int i = 0; i < file->message_type_count(); ++i)
        out->push_back(file->message_type(i));
    }
    return out;
  }();
  return *types;
}

std::unique_ptr<google::protobuf::Message> Parse(const Descriptor* type,
                                                 const std::string& bytes) {
  std::unique_ptr<google::protobuf::Message> m(
      google::protobuf::MessageFactory::generated_factory()
          ->GetPrototype(type)
          ->New());
  if (!m->ParseFromString(bytes)) {
    std::fprintf(stderr, "JsonToBinary gave unparsable bytes for %s\n",
                 type->full_name().c_str());
    std::abort();
  }
  return m;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const Descriptor* type = Types()[data[0] % Types().size()];
  absl::string_view json(reinterpret_cast<const char*>(data) + 1, size - 1);

  absl::StatusOr<std::string> binary =
      unionhub::gateway::JsonToBinary(type, json);
  if (!binary.ok()) return 0;
  absl::StatusOr<std::string> printed =
      unionhub::gateway::BinaryToJson(type, *binary);
  if (!printed.ok()) {
    std::fprintf(stderr, "accepted but not printable: %s\n",
                 printed.status().ToString().c_str());
    std::abort();
  }
  absl::StatusOr<std::string> again =
      unionhub::gateway::JsonToBinary(type, *printed);
  if (!again.ok()) {
    std::fprintf(stderr, "the gateway refuses its own JSON %s: %s\n",
                 printed->c_str(), again.status().ToString().c_str());
    std::abort();
  }
  if (!google::protobuf::util::MessageDifferencer::Equals(
          *Parse(type, *binary), *Parse(type, *again))) {
    std::fprintf(stderr, "round trip changed the message: %s\n",
                 printed->c_str());
    std::abort();
  }
  return 0;
}
