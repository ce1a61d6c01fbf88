// JSON bodies of Connect calls, decoded strictly. protobuf's JSON parser
// lets a repeated key silently overwrite the first and keeps an enum number
// that names no value as if it were one; a client would then get an answer
// to a question it did not ask. Both are INVALID_ARGUMENT here, naming the
// field.
#ifndef UNIONHUB_GATEWAY_CONNECT_JSON_H_
#define UNIONHUB_GATEWAY_CONNECT_JSON_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace unionhub::gateway {

// The binary encoding of the `type` message `json` describes ("" is {}).
absl::StatusOr<std::string> JsonToBinary(
    const google::protobuf::Descriptor* type, absl::string_view json);

// The JSON of a binary `type` message.
absl::StatusOr<std::string> BinaryToJson(
    const google::protobuf::Descriptor* type, absl::string_view bytes);

// An error naming the first key that appears twice in one object of `json`
// (a field's proto and JSON names count as the same key), or OK. Does not
// judge the rest of the syntax.
absl::Status FindDuplicateKeys(const google::protobuf::Descriptor* type,
                               absl::string_view json);

// An error naming the first enum field of `message` (at any depth) whose
// number is not a value of its enum, or OK.
absl::Status CheckEnumValues(const google::protobuf::Message& message);

}  // namespace unionhub::gateway

#endif  // UNIONHUB_GATEWAY_CONNECT_JSON_H_
