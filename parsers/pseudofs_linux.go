package parsers

import "syscall"

// pseudoFSes names the file systems whose files are the kernel's state,
// not data: reading them can block (/proc/kmsg) or never end, and a walk
// of them visits the whole machine.
var pseudoFSes = map[int64]string{
	0x9fa0:     "proc",
	0x62656572: "sysfs",
	0x64626720: "debugfs",
	0x74726163: "tracefs",
	0x73636673: "securityfs",
	0x27e0eb:   "cgroup",
	0x63677270: "cgroup2",
	0x1cd1:     "devpts",
	0xcafe4a11: "bpf",
	0x6165676c: "pstore",
	0x62656570: "configfs",
	0xde5e81e4: "efivarfs",
	0xf97cff8c: "selinuxfs",
	0x65735543: "fusectl",
	0x42494e4d: "binfmt_misc",
	0x19800202: "mqueue",
	0x6e736673: "nsfs",
}

// pseudoFS returns the name of the pseudo file system that holds path,
// if it is one.
func pseudoFS(path string) (string, bool) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(path, &st); err != nil {
		return "", false
	}
	name, ok := pseudoFSes[int64(st.Type)]
	return name, ok
}
