// The example payment tool lives in examples/ (demo code, off unless EXAMPLES=true); Next.js needs its route file here.
export { POST } from "@/examples/release-payment/handler";
