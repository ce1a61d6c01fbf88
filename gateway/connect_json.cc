#include "gateway/connect_json.h"

#include <google/protobuf/util/json_util.h>

#include <memory>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace unionhub::gateway {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

std::unique_ptr<Message> NewMessage(const Descriptor* type) {
  return std::unique_ptr<Message>(
      google::protobuf::MessageFactory::generated_factory()
          ->GetPrototype(type)
          ->New());
}

// Walks JSON text object by object, following the message types its keys
// name, and stops at the first key an object holds twice. It stops quietly
// at anything that is not JSON: the protobuf parser says what is wrong.
class DuplicateKeyScanner {
 public:
  explicit DuplicateKeyScanner(absl::string_view json) : text_(json) {}

  absl::Status Scan(const Descriptor* type) {
    Value(type, "", 0);
    return found_;
  }

 private:
  // protobuf's parser refuses deeper nesting anyway.
  static constexpr int kMaxDepth = 100;

  bool Value(const Descriptor* type, const std::string& path, int depth) {
    if (depth > kMaxDepth) return false;
    SkipSpace();
    if (at_ >= text_.size()) return false;
    char c = text_[at_];
    if (c == '{') return Object(type, path, depth);
    if (c == '[') return Array(type, path, depth);
    if (c == '"') return String(nullptr);
    // A number or a literal: everything up to the next delimiter.
    size_t start = at_;
    while (at_ < text_.size() && !absl::ascii_isspace(text_[at_]) &&
           text_[at_] != ',' && text_[at_] != '}' && text_[at_] != ']')
      ++at_;
    return at_ > start;
  }

  bool Object(const Descriptor* type, const std::string& path, int depth) {
    ++at_;  // {
    absl::flat_hash_set<std::string> seen;
    SkipSpace();
    if (Take('}')) return true;
    while (true) {
      std::string key;
      SkipSpace();
      if (!String(&key)) return false;
      SkipSpace();
      if (!Take(':')) return false;
      const FieldDescriptor* field = nullptr;
      if (type != nullptr) field = FieldNamed(type, key);
      std::string name = field != nullptr ? field->name() : key;
      std::string where = path.empty() ? name : absl::StrCat(path, ".", name);
      if (!seen.insert(name).second) {
        found_ = absl::InvalidArgumentError(
            absl::StrCat(where, ": the key appears twice in one object"));
        return false;
      }
      if (!Value(ChildType(field), where, depth + 1)) return false;
      SkipSpace();
      if (Take('}')) return true;
      if (!Take(',')) return false;
    }
  }

  bool Array(const Descriptor* type, const std::string& path, int depth) {
    ++at_;  // [
    SkipSpace();
    if (Take(']')) return true;
    for (int i = 0;; ++i) {
      if (!Value(type, absl::StrCat(path, "[", i, "]"), depth + 1))
        return false;
      SkipSpace();
      if (Take(']')) return true;
      if (!Take(',')) return false;
    }
  }

  // The field `key` names, by its proto or its JSON name.
  static const FieldDescriptor* FieldNamed(const Descriptor* type,
                                           const std::string& key) {
    if (const FieldDescriptor* field = type->FindFieldByName(key)) return field;
    for (int i = 0; i < type->field_count(); ++i)
      if (type->field(i)->json_name() == key) return type->field(i);
    return nullptr;
  }

  // The message type a field's JSON object stands for; nullptr when its
  // keys are not field names (maps, and the well-known types' own forms).
  static const Descriptor* ChildType(const FieldDescriptor* field) {
    if (field == nullptr || field->is_map()) return nullptr;
    const Descriptor* type = field->message_type();
    if (type == nullptr ||
        absl::StartsWith(type->full_name(), "google.protobuf."))
      return nullptr;
    return type;
  }

  // A string, unescaped into `out` (when given) as UTF-8.
  bool String(std::string* out) {
    if (!Take('"')) return false;
    while (at_ < text_.size()) {
      char c = text_[at_++];
      if (c == '"') return true;
      if (c != '\\') {
        if (out) out->push_back(c);
        continue;
      }
      if (at_ >= text_.size()) return false;
      char e = text_[at_++];
      if (e == 'u') {
        uint32_t code = 0;
        if (!Hex4(&code)) return false;
        if (code >= 0xD800 && code < 0xDC00 && text_.substr(at_, 2) == "\\u") {
          at_ += 2;
          uint32_t low = 0;
          if (!Hex4(&low)) return false;
          code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
        }
        if (out) AppendUtf8(code, out);
        continue;
      }
      static constexpr absl::string_view kFrom = "\"\\/bfnrt";
      static constexpr absl::string_view kTo = "\"\\/\b\f\n\r\t";
      size_t i = kFrom.find(e);
      if (i == absl::string_view::npos) return false;
      if (out) out->push_back(kTo[i]);
    }
    return false;
  }

  bool Hex4(uint32_t* code) {
    if (at_ + 4 > text_.size()) return false;
    int value = 0;
    if (!absl::SimpleHexAtoi(text_.substr(at_, 4), &value)) return false;
    at_ += 4;
    *code = static_cast<uint32_t>(value);
    return true;
  }

  static void AppendUtf8(uint32_t code, std::string* out) {
    if (code < 0x80) {
      out->push_back(static_cast<char>(code));
    } else if (code < 0x800) {
      out->push_back(static_cast<char>(0xC0 | (code >> 6)));
      out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else if (code < 0x10000) {
      out->push_back(static_cast<char>(0xE0 | (code >> 12)));
      out->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else {
      out->push_back(static_cast<char>(0xF0 | (code >> 18)));
      out->push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
    }
  }

  void SkipSpace() {
    while (at_ < text_.size() && absl::ascii_isspace(text_[at_])) ++at_;
  }
  bool Take(char c) {
    if (at_ < text_.size() && text_[at_] == c) {
      ++at_;
      return true;
    }
    return false;
  }

  absl::string_view text_;
  size_t at_ = 0;
  absl::Status found_;
};

absl::Status CheckEnums(const Message& message, const std::string& path) {
  const google::protobuf::Reflection* reflection = message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    std::string name =
        path.empty() ? field->name() : absl::StrCat(path, ".", field->name());
    int count =
        field->is_repeated() ? reflection->FieldSize(message, field) : 1;
    for (int i = 0; i < count; ++i) {
      std::string where =
          field->is_repeated() ? absl::StrCat(name, "[", i, "]") : name;
      if (field->enum_type() != nullptr) {
        int number = field->is_repeated()
                         ? reflection->GetRepeatedEnumValue(message, field, i)
                         : reflection->GetEnumValue(message, field);
        if (field->enum_type()->FindValueByNumber(number) == nullptr) {
          return absl::InvalidArgumentError(
              absl::StrCat(where, ": ", number, " is not a value of ",
                           field->enum_type()->full_name()));
        }
      } else if (field->message_type() != nullptr) {
        absl::Status inner =
            CheckEnums(field->is_repeated()
                           ? reflection->GetRepeatedMessage(message, field, i)
                           : reflection->GetMessage(message, field),
                       where);
        if (!inner.ok()) return inner;
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status FindDuplicateKeys(const Descriptor* type, absl::string_view json) {
  return DuplicateKeyScanner(json).Scan(type);
}

absl::Status CheckEnumValues(const Message& message) {
  return CheckEnums(message, "");
}

absl::StatusOr<std::string> JsonToBinary(const Descriptor* type,
                                         absl::string_view json) {
  if (json.empty()) json = "{}";
  absl::Status duplicate = FindDuplicateKeys(type, json);
  if (!duplicate.ok()) return duplicate;
  std::unique_ptr<Message> message = NewMessage(type);
  auto parsed = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(json.data(), json.size()), message.get(),
      google::protobuf::util::JsonParseOptions());
  if (!parsed.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("malformed JSON for ", type->full_name(), ": ",
                     std::string(parsed.message())));
  }
  absl::Status enums = CheckEnumValues(*message);
  if (!enums.ok()) return enums;
  return message->SerializeAsString();
}

absl::StatusOr<std::string> BinaryToJson(const Descriptor* type,
                                         absl::string_view bytes) {
  std::unique_ptr<Message> message = NewMessage(type);
  if (!message->ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
    return absl::InternalError("unreadable message");
  std::string out;
  auto printed = google::protobuf::util::MessageToJsonString(
      *message, &out, google::protobuf::util::JsonPrintOptions());
  if (!printed.ok()) return absl::InternalError(std::string(printed.message()));
  return out;
}

}  // namespace unionhub::gateway
