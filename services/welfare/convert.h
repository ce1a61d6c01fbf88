// Welfare's domain records as proto messages (responses and event payloads).
#ifndef UNIONHUB_SERVICES_WELFARE_CONVERT_H_
#define UNIONHUB_SERVICES_WELFARE_CONVERT_H_

#include "services/welfare/domain.h"
#include "unionhub/welfare/v1/hardship.pb.h"

namespace unionhub::welfare {

v1::HardshipFile ToProto(const HardshipFile& f);
v1::HardshipObjection ToProto(const HardshipObjection& o);
v1::HardshipFileStep ToProto(const HardshipFileStep& s);

}  // namespace unionhub::welfare

#endif  // UNIONHUB_SERVICES_WELFARE_CONVERT_H_
