// SigV4 against the examples AWS publishes in the S3 API reference ("Examples: Signature
// Calculations for the Authorization Header"): the same inputs must give the same canonical
// request, string to sign and signature.
import { describe, expect, it } from "vitest";
import { EMPTY_SHA256, signRequest, uriEncode } from "./sigv4.ts";

const creds = {
  accessKey: "AKIAIOSFODNN7EXAMPLE",
  secretKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  region: "us-east-1",
};
const now = new Date("2013-05-24T00:00:00Z");

describe("AWS Signature V4 (S3)", () => {
  it("GET Object: the documented canonical request, string to sign and signature", () => {
    const s = signRequest(creds, {
      method: "GET",
      url: new URL("https://examplebucket.s3.amazonaws.com/test.txt"),
      headers: { Range: "bytes=0-9" },
      payloadSha256: EMPTY_SHA256,
      now,
    });
    expect(s.canonicalRequest).toBe(
      [
        "GET",
        "/test.txt",
        "",
        "host:examplebucket.s3.amazonaws.com",
        "range:bytes=0-9",
        `x-amz-content-sha256:${EMPTY_SHA256}`,
        "x-amz-date:20130524T000000Z",
        "",
        "host;range;x-amz-content-sha256;x-amz-date",
        EMPTY_SHA256,
      ].join("\n"),
    );
    expect(s.stringToSign).toBe(
      [
        "AWS4-HMAC-SHA256",
        "20130524T000000Z",
        "20130524/us-east-1/s3/aws4_request",
        "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972",
      ].join("\n"),
    );
    expect(s.signature).toBe("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    expect(s.headers.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request," +
        "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date," +
        "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
    );
  });

  it("PUT Object: a '$' in the key is encoded once, extra x-amz headers are signed", () => {
    const s = signRequest(creds, {
      method: "PUT",
      url: new URL("https://examplebucket.s3.amazonaws.com/test$file.text"),
      headers: { Date: "Fri, 24 May 2013 00:00:00 GMT", "x-amz-storage-class": "REDUCED_REDUNDANCY" },
      payloadSha256: "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072",
      now,
    });
    expect(s.canonicalRequest.split("\n").slice(0, 2)).toEqual(["PUT", "/test%24file.text"]);
    expect(s.signature).toBe("98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
  });

  it("GET Bucket Lifecycle and List Objects: query strings are canonicalised (sorted, 'key=')", () => {
    const lifecycle = signRequest(creds, {
      method: "GET",
      url: new URL("https://examplebucket.s3.amazonaws.com/?lifecycle"),
      payloadSha256: EMPTY_SHA256,
      now,
    });
    expect(lifecycle.canonicalRequest.split("\n")[2]).toBe("lifecycle=");
    expect(lifecycle.signature).toBe("fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
    const list = signRequest(creds, {
      method: "GET",
      url: new URL("https://examplebucket.s3.amazonaws.com/?max-keys=2&prefix=J"),
      payloadSha256: EMPTY_SHA256,
      now,
    });
    expect(list.canonicalRequest.split("\n")[2]).toBe("max-keys=2&prefix=J");
    expect(list.signature).toBe("34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
  });

  it("encodes like RFC 3986 (unreserved kept, UTF-8 bytes upper-case hex, '/' only in paths)", () => {
    expect(uriEncode("a b/c~d")).toBe("a%20b%2Fc~d");
    expect(uriEncode("ab/cd/ế", true)).toBe("ab/cd/%E1%BA%BF");
  });
});
