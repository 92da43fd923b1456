import { describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER, clientAddressKey, resolveClientAddress } from "@/server/rate-limit/client-address";

describe("the client address", () => {
  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(resolveClientAddress("::ffff:203.0.113.7", "6.6.6.6", 0)).toBe("203.0.113.7");
    expect(resolveClientAddress("2001:db8::1", ["6.6.6.6", "7.7.7.7"], 0)).toBe("2001:db8::1");
  });

  it("behind trusted proxies, is the address the outermost of them appended, never what the client wrote before it", () => {
    // The client sent "6.6.6.6"; the load balancer appended the address it saw; the socket is the load balancer.
    expect(resolveClientAddress("10.0.0.2", "6.6.6.6, 203.0.113.7", 1)).toBe("203.0.113.7");
    expect(resolveClientAddress("10.0.0.3", "6.6.6.6, 203.0.113.7, 10.0.0.2", 2)).toBe("203.0.113.7");
    // A request that did not pass through every proxy is known by its socket.
    expect(resolveClientAddress("198.51.100.4", undefined, 1)).toBe("198.51.100.4");
  });

  it("is nothing when what was found is not an address", () => {
    expect(resolveClientAddress(undefined, undefined, 0)).toBeNull();
    expect(resolveClientAddress("10.0.0.2", "not-an-address", 1)).toBeNull();
  });

  it("is counted by a hash, one per IPv4 address and one per IPv6 /64 network", () => {
    const key = (address: string, secret = "a-server-secret") => clientAddressKey(new Headers({ [CLIENT_ADDRESS_HEADER]: address }), secret);
    expect(key("203.0.113.7")).not.toContain("203");
    expect(key("203.0.113.7")).not.toBe(key("203.0.113.8"));
    expect(key("2001:db8:1:2::1")).toBe(key("2001:0db8:0001:0002:ffff:ffff:ffff:ffff"));
    expect(key("2001:db8:1:2::1")).not.toBe(key("2001:db8:1:3::1"));
    expect(key("garbage")).toBeNull();
    expect(clientAddressKey(new Headers(), "a-server-secret")).toBeNull();
    // Keyed: without the server's secret the address space cannot be tried against the stored keys.
    expect(key("203.0.113.7", "another-secret")).not.toBe(key("203.0.113.7"));
  });
});
