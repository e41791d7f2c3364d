// Loopback git servers and repositories for tests that clone (submission cloning, `dockgrade batch`).
// Every server listens on 127.0.0.1 only, starts in well under a second and leaves no process on close().
export { freePort, startGitDaemon, type TestGitServer, waitForPort } from "./git-daemon.js";
export { carriesToken, startHttpGitServer, type TestHttpGitServer } from "./git-http-server.js";
export { folderFiles, makeRepo, type TestCommit, testGit } from "./git-repos.js";
export { startStallingServer } from "./stalling-server.js";
