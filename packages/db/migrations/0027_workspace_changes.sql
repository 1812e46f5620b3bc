CREATE TABLE "workspace_changes" (
	"workspace_id" uuid NOT NULL,
	"xid" "xid8" NOT NULL,
	CONSTRAINT "workspace_changes_workspace_id_xid_pk" PRIMARY KEY("workspace_id","xid")
);
