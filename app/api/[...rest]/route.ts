import { toResponse } from "@/lib/api/http";
import { unknownApiPath } from "@/lib/api/unknown-path";

export const dynamic = "force-dynamic";

const answer = () => toResponse(unknownApiPath());
export { answer as GET, answer as POST, answer as PUT, answer as PATCH, answer as DELETE, answer as HEAD, answer as OPTIONS };
