#include "libs/rpc/paging.h"

#include <memory>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "libs/base/errors.h"
#include "libs/base/paging.h"
#include "libs/rpc/call.h"

namespace unionhub::rpc {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

constexpr size_t kFiltersBytes = 8;

const FieldDescriptor* StringField(const Message& message, const char* name) {
  const FieldDescriptor* field = message.GetDescriptor()->FindFieldByName(name);
  return field && field->type() == FieldDescriptor::TYPE_STRING &&
                 !field->is_repeated()
             ? field
             : nullptr;
}

}  // namespace

PageBinding::PageBinding(const Message& request) {
  if (StringField(request, "page_token") == nullptr) return;
  bound_ = true;
  filters_ = FingerprintWithout(request, {"page_token", "page_size"})
                 .substr(0, 2 * kFiltersBytes);
}

absl::Status PageBinding::Unwrap(Message& request) const {
  if (!bound_) return absl::OkStatus();
  const FieldDescriptor* field = StringField(request, "page_token");
  const google::protobuf::Reflection* reflection = request.GetReflection();
  std::string token = reflection->GetString(request, field);
  if (token.empty()) return absl::OkStatus();
  std::string raw;
  Violations v;
  if (!absl::WebSafeBase64Unescape(token, &raw) ||
      raw.size() < 2 * kFiltersBytes) {
    v.Add("page_token", "is not a token this list issued; start without one");
  } else if (raw.compare(0, 2 * kFiltersBytes, filters_) != 0) {
    v.Add("page_token",
          "was issued for other filters; send the same filters as for the "
          "first page, or start without a token");
  }
  if (!v.empty()) {
    // The handler will not run: say what else is wrong with the paging.
    if (const FieldDescriptor* size =
            request.GetDescriptor()->FindFieldByName("page_size");
        size && size->cpp_type() == FieldDescriptor::CPPTYPE_INT32) {
      v.Merge("page_size",
              PageSize(reflection->GetInt32(request, size)).status());
    }
    return v.Status();
  }
  reflection->SetString(&request, field, raw.substr(2 * kFiltersBytes));
  return absl::OkStatus();
}

void PageBinding::Wrap(Message& response) const {
  if (!bound_) return;
  const FieldDescriptor* field = StringField(response, "next_page_token");
  if (field == nullptr) return;
  const google::protobuf::Reflection* reflection = response.GetReflection();
  std::string next = reflection->GetString(response, field);
  if (next.empty()) return;
  reflection->SetString(&response, field,
                        absl::WebSafeBase64Escape(filters_ + next));
}

}  // namespace unionhub::rpc
