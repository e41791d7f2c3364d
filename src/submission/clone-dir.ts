/** Clone folders are `<tmp>/dockgrade-clone-<pid>-XXXXXX`: gc removes those of processes that are gone. */
export const CLONE_PREFIX = "dockgrade-clone-";
