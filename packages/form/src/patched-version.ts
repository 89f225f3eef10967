/**
 * Code that patches a library's internals is written for one version of it.
 * On another it fails at start, saying so, rather than misbehave later; the
 * message is for a maintainer, in English and Chinese.
 */
export function requirePatchedVersion(pkg: string, installed: string, wanted: string, patches: string): void {
  if (installed === wanted) return;
  throw new Error(
    `${patches} patches internals of ${pkg} ${wanted}, but ${pkg} ${installed} is installed: check every patch there against ${pkg} ${installed} and update the version it names, or install ${pkg} ${wanted}. ` +
      `${patches} 修改了 ${pkg} ${wanted} 的内部实现，但安装的是 ${pkg} ${installed}：请对照 ${pkg} ${installed} 逐一核对其中的修改并更新其中的版本号，或改装 ${pkg} ${wanted}。`,
  );
}
