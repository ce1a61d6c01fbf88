// The gateway's API over Connect/JSON, with the signed-in key. The key lives
// in this tab's session storage only: closing the tab signs out.
import { Code, ConnectError, createClient, type Interceptor } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-web";
import { CongressService } from "@gen/unionhub/democracy/v1/congress_pb";
import { RepresentativeService } from "@gen/unionhub/democracy/v1/representatives_pb";
import { AuthService } from "@gen/unionhub/gateway/v1/auth_pb";
import { OrganisationService } from "@gen/unionhub/membership/v1/organisations_pb";
import { ExportService } from "@gen/unionhub/reporting/v1/exports_pb";
import { FigureService } from "@gen/unionhub/reporting/v1/figures_pb";
import { IndicatorService } from "@gen/unionhub/reporting/v1/indicators_pb";
import { StatisticsService } from "@gen/unionhub/reporting/v1/statistics_pb";
import { WorkSummaryService } from "@gen/unionhub/reporting/v1/summaries_pb";

const KEY_ITEM = "unionhub.api_key";

export function savedKey(): string | null {
  return sessionStorage.getItem(KEY_ITEM);
}
export function saveKey(key: string): void {
  sessionStorage.setItem(KEY_ITEM, key);
}
export function forgetKey(): void {
  sessionStorage.removeItem(KEY_ITEM);
}

const withKey: Interceptor = (next) => (req) => {
  const key = savedKey();
  if (key) req.header.set("authorization", `Bearer ${key}`);
  return next(req);
};

const transport = createConnectTransport({
  baseUrl: location.origin,
  interceptors: [withKey],
  defaultTimeoutMs: 20_000,
});

export const api = {
  auth: createClient(AuthService, transport),
  organisations: createClient(OrganisationService, transport),
  figures: createClient(FigureService, transport),
  indicators: createClient(IndicatorService, transport),
  statistics: createClient(StatisticsService, transport),
  summaries: createClient(WorkSummaryService, transport),
  exports: createClient(ExportService, transport),
  congress: createClient(CongressService, transport),
  representatives: createClient(RepresentativeService, transport),
};

// What to tell an officer when a call fails.
export function explain(e: unknown): string {
  const err = ConnectError.from(e);
  switch (err.code) {
    case Code.Unauthenticated:
      return "API 密钥无效、已过期或已被吊销，请重新登录。";
    case Code.PermissionDenied:
      return "该密钥无权查看或办理此项。";
    case Code.NotFound:
      return "没有找到该组织或记录。";
    case Code.ResourceExhausted:
      return "请求过于频繁，请稍后再试。";
    case Code.DeadlineExceeded:
      return "服务响应超时，请稍后再试。";
    case Code.Unavailable:
      return "服务暂时不可用，请稍后再试。";
    case Code.InvalidArgument:
      return `输入有误：${err.rawMessage}`;
    default:
      // A fetch that never reached the gateway.
      if (err.cause instanceof TypeError) return "网络连接失败，请检查网络后重试。";
      return `出错了（${Code[err.code]}）：${err.rawMessage}`;
  }
}

export function isSignedOut(e: unknown): boolean {
  return ConnectError.from(e).code === Code.Unauthenticated;
}
