import { describe, expect, it } from "vitest";
import { DEFAULT_OPTIONS, readOptions } from "./options.js";

describe("readOptions", () => {
  const page = "https://host.example/blog/post";

  it("defaults the server to the origin widget.js came from", () => {
    expect(readOptions({}, "https://chronicle.example:8443/widget.js?v=2", page)).toEqual({ ...DEFAULT_OPTIONS, server: "https://chronicle.example:8443" });
  });

  it("reads the data- attributes", () => {
    const options = readOptions(
      { title: " Ask the parish archive ", placeholder: "Your question", position: "bottom-left", color: "#c0392b", open: "", server: "/chronicle/" },
      "https://cdn.example/widget.js", page);
    expect(options).toEqual({ server: "https://host.example/chronicle", title: "Ask the parish archive", placeholder: "Your question", position: "bottom-left", color: "#c0392b", open: true });
  });

  it("ignores values it cannot use", () => {
    const options = readOptions({ position: "top-middle", color: "red;background:url(x)", open: "false" }, undefined, page);
    expect(options.position).toBe("bottom-right");
    expect(options.color).toBeUndefined();
    expect(options.open).toBe(false);
    expect(options.server).toBe("https://host.example");
  });

  it("accepts colour functions and keywords", () => {
    expect(readOptions({ color: "rgb(20, 80, 160)" }, undefined, page).color).toBe("rgb(20, 80, 160)");
    expect(readOptions({ color: "teal" }, undefined, page).color).toBe("teal");
  });
});
