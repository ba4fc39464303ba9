// Generated from openapi/openapi.json by `npm run openapi:generate` (openapi-typescript); do not edit.
/* eslint-disable */

export interface paths {
    "/v1/api-keys/current": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The key making this request
         * @description Who the bearer key is: its name, role and (for a vm-operator) tenants. Any role may ask.
         */
        get: operations["CurrentApiKeyController_current"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List API keys
         * @description Admin keys only. Every key with its role, tenants and whether it is revoked; never the secrets.
         */
        get: operations["ApiKeysController_list"];
        put?: never;
        /**
         * Issue an API key
         * @description Admin keys only. Issues a key with a role: `admin` (keys), `fabric-admin` (hosts, clusters, upgrades), `vm-operator` (the VMs of its tenants, which it needs) or `auditor` (reads and the event log). The secret is in this answer only (the service keeps a hash); the key works as soon as the answer arrives. A retry with the same `Idempotency-Key` cannot show the secret again (`API_KEY_SECRET_UNRECOVERABLE`).
         */
        post: operations["ApiKeysController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description Admin keys only. Refused at once by the process that revoked it and within 5 s by every other; its open event streams are closed. The last active admin key cannot be revoked.
         */
        delete: operations["ApiKeysController_revoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/simulator": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The simulated fleet
         * @description The simulated Hyper-V hosts behind the service (used instead of real hosts for demos and tests): their VMs as the hosts see them, the clusters and replicas they know, and the faults set on them.
         */
        get: operations["SimulatorController_describe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/simulator/faults": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set a simulated host's faults
         * @description Makes operations fail on a host (`OPERATION_FAILED`), lose their remoting session to it (the job is tried again, then fails with `DRIVER_FAULT`), the host stop answering (`HOST_UNRESPONSIVE`), crash (its running and paused VMs turn Off) or come back, or run slower. Fields left out keep their value.
         */
        put: operations["SimulatorController_setFaults"];
        post?: never;
        /**
         * Clear simulated faults
         * @description Clears the faults of one host (`hostId`) or of every host; crashed hosts come back Up with their VMs Off.
         */
        delete: operations["SimulatorController_clearFaults"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List jobs
         * @description Pages through the jobs, newest first, filtered by status, kind or target. A vm-operator sees the jobs of its tenants' VMs. PowerShell: `Get-Job`.
         */
        get: operations["JobsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a job
         * @description A job with its steps (each with the PowerShell a Hyper-V administrator would run), progress, error code and result. Follow a `202` here, or wait on the event stream.
         */
        get: operations["JobsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a job
         * @description Cancels a Queued or Running job: the step running finishes, no further step starts, and the target is left as the finished steps made it. A fabric-admin steers infrastructure jobs, a vm-operator the jobs of its tenants' VMs.
         */
        post: operations["JobsController_cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{id}/restart": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Restart a failed or cancelled job
         * @description Runs the target's last failed or cancelled operation again as a new attempt of the same job (the rules are checked again against the target as it is now). Replication jobs are not restarted: send the replication request again.
         */
        post: operations["JobsController_restart"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hosts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List hosts
         * @description Pages through the registered hosts, optionally of one OS version or one cluster. A vm-operator sees hosts only as ids. PowerShell: `Get-VMHost`.
         */
        get: operations["HostsController_list"];
        put?: never;
        /**
         * Register a Hyper-V host
         * @description Adds a host to the fabric model with its hardware and OS; it starts Up, outside any cluster. Windows Server 2016 and later Hyper-V needs a processor with SLAT. No job: the answer is the host as recorded (`201`, with `Location` and `ETag`).
         */
        post: operations["HostsController_register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hosts/{id}/reinstall": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reinstall a host with the next OS version
         * @description A clean install of the next Windows Server version (exactly one version up) with the Hyper-V role (and Failover Clustering); the host must be in no cluster and host no virtual machines (a rolling upgrade evicts, reinstalls and re-adds nodes for you). The host is Reinstalling until the job ends.
         *
         *     Starts a `reinstall-host` job: `202` with the job to follow, or `200` with the finished job under `Prefer: wait=<seconds>`.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     # Clean-install Windows Server 2016
         *     # Clean install of Windows Server 2016 on hv-node-01 (installation media / WDS), then:
         *     Install-WindowsFeature -Name Hyper-V, Failover-Clustering -IncludeManagementTools -Restart -ComputerName "hv-node-01"
         *     ```
         */
        post: operations["HostsController_reinstall"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hosts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a host
         * @description The host with its state, cluster and memory in use; with `asOf` or `atPosition` the host as it was then (time travel). A vm-operator sees the host only as an id.
         */
        get: operations["HostsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List virtual machines
         * @description Pages through the VMs, filtered by host, cluster, tenant, power state, heartbeat, configuration version or generation (all given filters apply). A vm-operator sees only its tenants' VMs.
         */
        get: operations["VmsController_list"];
        put?: never;
        /**
         * Create a virtual machine
         * @description Creates a VM on a host (`hostId`) or lets placement pick the Up node of a cluster (`clusterId`) that runs the configuration version, has the processors and the most free memory (the job's `placement` lists every candidate). The version defaults to the host's (or the functional level's on a cluster) and must run on the host and on every node; a Linux Generation 2 guest without firmware settings gets Secure Boot with the UEFI CA template at 6.2 or later. The job sets up everything asked for: processors, dynamic memory, firmware, adapters, disks and the checkpoint type. A vm-operator creates VMs only in its own tenants.
         *
         *     Starts a `create-vm` job: `202` with the job to follow, or `200` with the finished job under `Prefer: wait=<seconds>`.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     # Create the virtual machine (Generation 2, version 8.0)
         *     New-VM -Name "web01" -Generation 2 -Version 8.0 -MemoryStartupBytes 2048MB -NoVHD -ComputerName "hv-node-01"
         *     # Use 2 virtual processors
         *     Set-VMProcessor -VMName "web01" -Count 2 -ComputerName "hv-node-01"
         *     # Add network adapter Frontend on switch External
         *     Add-VMNetworkAdapter -VMName "web01" -Name "Frontend" -SwitchName "External" -DeviceNaming On -ComputerName "hv-node-01"
         *     ```
         */
        post: operations["VmsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vms/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a virtual machine
         * @description The VM as the read model has it: power state, configuration, heartbeat, pending job. With `asOf` or `atPosition` it is the VM folded from its events up to then (time travel, without an ETag). PowerShell: `Get-VM -Name "web01" | Format-List *`.
         */
        get: operations["VmsController_get"];
        put?: never;
        post?: never;
        /**
         * Delete a virtual machine
         * @description Removes an Off VM from its host; its disks and checkpoints go with it.
         *
         *     Starts a `delete-vm` job: `202` with the job to follow, or `200` with the finished job under `Prefer: wait=<seconds>`.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     # Remove the virtual machine
         *     Remove-VM -Name "web01" -ComputerName "hv-node-01" -Force
         *     ```
         */
        delete: operations["VmsController_remove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vms/{id}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a virtual machine
         * @description Starts an Off or Saved VM. Its host must be Up and run its configuration version, have its startup memory free, and a Linux guest cannot start with Secure Boot and the MicrosoftWindows template.
         *
         *     Starts a `start-vm` job: `202` with the job to follow, or `200` with the finished job under `Prefer: wait=<seconds>`.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     # Start the virtual machine
         *     Start-VM -Name "web01" -ComputerName "hv-node-01"
         *     ```
         */
        post: operations["VmsController_start"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vms/{id}/stop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stop a virtual machine
         * @description `mode: shutdown` (the default) asks the guest to shut down and needs a Running VM; `turn-off` cuts the power of a Running, Paused or Saved VM (a saved state is discarded).
         *
         *     Starts a `stop-vm` job: `202` with the job to follow, or `200` with the finished job under `Prefer: wait=<seconds>`.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     # Shut down the guest operating system
         *     Stop-VM -Name "web01" -ComputerName "hv-node-01" -Force
         *     ```
         */
        post: operations["VmsController_stop"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vms/{id}/save": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Save a virtual machine
         * @description Saves a Running or Paused VM's memory and device state to disk; it ends Saved.
         *
         *     Starts a `save-vm` job: `202` with the job to follow, or `200` with the finished job under `Prefer: wait=<seconds>`.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     # Save the virtual machine state
         *     Save-VM -Name "web01" -ComputerName "hv-node-01"
         *     ```
         */
        post: operations["VmsController_save"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vms/{id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pause a virtual machine
         * @description Suspends a Running VM in memory; it ends Paused.
         *
         *     Starts a `pause-vm` job: `202` with the job to follow, or `200` with the finished job under `Prefer: wait=<seconds>`.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     # Pause the virtual machine
         *     Suspend-VM -Name "web01" -ComputerName "hv-node-01"
         *     ```
         */
        post: operations["VmsController_pause"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vms/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume a paused virtual machine
         * @description Resumes a Paused VM; it ends Running.
         *
         *     Starts a `resume-vm` job: `202` with the job to follow, or `200` with the finished job under `Prefer: wait=<seconds>`.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     # Resume the virtual machine
         *     Resume-VM -Name "web01" -ComputerName "hv-node-01"
         *     ```
         */
        post: operations["VmsController_resume"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vms/{id}/migrate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move a virtual machine to another host
         * @description Live migration for a Running or Paused VM, quick migration for an Off or Saved one, within one cluster (or shared-nothing between standalone hosts, or between the nodes of two clusters: the clustered role leaves the source cluster and is created in the destination one, with the destination's defaults; a per-VM resiliency period set on the source cluster is dropped there and does not follow the VM). The destination must be Up, not paused or quarantined, run the configuration version, have the memory, and share the CPU vendor for a VM with processor state. The job waits for a free live-migration slot on both hosts (delayed, not failed). Allowed to fabric-admin and the VM's vm-operator.
         *
         *     Starts a `migrate-vm` job: `202` with the job to follow, or `200` with the finished job under `Prefer: wait=<seconds>`.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     # Move web01 from hv-node-01 to hv-node-02 (live migration)
         *     Move-ClusterVirtualMachineRole -Cluster "hv-cluster" -Name "web01" -Node "hv-node-02" -MigrationType Live
         *     ```
         */
        post: operations["VmsController_migrate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vms/integration-services/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Enable or disable an integration service on every matching VM
         * @description One `set-integration-service` job per VM matching every given filter field (at least one; at most 1,000 VMs), for example disabling Heartbeat on every VM reporting `OkApplicationsUnknown`. VMs whose command a rule refuses are listed in `refused` with their code; the others get a job each.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     Get-VM | Where-Object Heartbeat -eq "OkApplicationsUnknown" | Disable-VMIntegrationService -Name "Heartbeat"
         *     ```
         */
        post: operations["VmConfigurationController_bulkIntegrationService"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vms/{id}/upgrade-version": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upgrade the configuration version of a virtual machine
         * @description Moves an Off or Saved VM to its host's default version (the functional level's on a cluster); a saved state is discarded and the VM ends Off, online checkpoints become offline. Refused in a mixed-mode cluster, before the functional level is raised, and while the VM replicates to a host that cannot run the new version. Already at the target: `200` with a `warning` (and a `Warning: 299` header), nothing changes.
         *
         *     Starts a `upgrade-vm-version` job: `202` with the job to follow, or `200` with the finished job under `Prefer: wait=<seconds>`.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     # Update the configuration version to 8.0
         *     Update-VMVersion -Name "web01" -ComputerName "hv-node-01" -Force
         *     ```
         */
        post: operations["VmConfigurationController_upgradeVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vms/{id}/firmware": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set Secure Boot and its template
         * @description Generation 2 VMs, Off only. A Linux guest needs the MicrosoftUEFICertificateAuthority template (6.2 or later) to boot with Secure Boot; it cannot start with MicrosoftWindows.
         *
         *     Starts a `set-vm-firmware` job: `202` with the job to follow, or `200` with the finished job under `Prefer: wait=<seconds>`.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     # Turn Secure Boot on with the MicrosoftUEFICertificateAuthority template
         *     Set-VMFirmware -VMName "web01" -EnableSecureBoot On -SecureBootTemplate "MicrosoftUEFICertificateAuthority" -ComputerName "hv-node-01"
         *     ```
         */
        put: operations["VmConfigurationController_setFirmware"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vms/{id}/memory": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set static or dynamic memory
         * @description Static `{startupMb}` or `{dynamic: {minimumMb, maximumMb, bufferPercent}}`: minimum 32 MB, buffer 5–2000 %. On a Running VM: a static resize needs 6.2 or later, never below the guest's demand nor beyond the host's free memory; a dynamic range may only widen; static ↔ dynamic only while Off.
         *
         *     Starts a `set-vm-memory` job: `202` with the job to follow, or `200` with the finished job under `Prefer: wait=<seconds>`.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     # Use 4096 MB of static memory
         *     Set-VMMemory -VMName "web01" -DynamicMemoryEnabled $false -StartupBytes 4096MB -ComputerName "hv-node-01"
         *     ```
         */
        put: operations["VmConfigurationController_setMemory"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vms/{id}/processor": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set processors, compatibility mode and nested virtualization
         * @description Off only. Nested virtualization needs configuration version 8.0 and a Windows Server 2016 or later host; the count may not exceed the host's logical processors.
         *
         *     Starts a `set-vm-processor` job: `202` with the job to follow, or `200` with the finished job under `Prefer: wait=<seconds>`.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     # Use 4 virtual processors, compatibility for migration on, nested virtualization off
         *     Set-VMProcessor -VMName "web01" -Count 4 -CompatibilityForMigrationEnabled $true -ExposeVirtualizationExtensions $false -ComputerName "hv-node-01"
         *     ```
         */
        put: operations["VmConfigurationController_setProcessor"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vms/{id}/checkpoint-type": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set the checkpoint type
         * @description `Production` (the default; falls back to Standard when it cannot be taken), `ProductionOnly`, `Standard` or `Disabled`: a setting of the VM on its host (Windows Server 2016 or later).
         *
         *     Starts a `set-checkpoint-type` job: `202` with the job to follow, or `200` with the finished job under `Prefer: wait=<seconds>`.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     # Set the checkpoint type to ProductionOnly
         *     Set-VM -Name "web01" -CheckpointType ProductionOnly -ComputerName "hv-node-01"
         *     ```
         */
        put: operations["VmConfigurationController_setCheckpointType"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vms/{id}/network-adapters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add a network adapter
         * @description Off on any generation; Running (hot add) on Generation 2 at 6.2 or later. Names are unique per VM (case-insensitive) and shown to the guest (device naming where the host has it); at most 8 adapters.
         *
         *     Starts a `add-network-adapter` job: `202` with the job to follow, or `200` with the finished job under `Prefer: wait=<seconds>`.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     # Add network adapter Backend on switch Internal
         *     Add-VMNetworkAdapter -VMName "web01" -Name "Backend" -SwitchName "Internal" -DeviceNaming On -ComputerName "hv-node-01"
         *     ```
         */
        post: operations["VmConfigurationController_addNetworkAdapter"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vms/{id}/network-adapters/{adapterId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a network adapter
         * @description Off on any generation; Running (hot remove) on Generation 2 at 6.2 or later.
         *
         *     Starts a `remove-network-adapter` job: `202` with the job to follow, or `200` with the finished job under `Prefer: wait=<seconds>`.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     # Remove network adapter Backend
         *     Get-VMNetworkAdapter -VMName "web01" -ComputerName "hv-node-01" | Where-Object Name -eq "Backend" | Remove-VMNetworkAdapter
         *     ```
         */
        delete: operations["VmConfigurationController_removeNetworkAdapter"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vms/{id}/disks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add a virtual hard disk
         * @description Creates a dynamically expanding VHDX and attaches it; Off or Running. Names are unique per VM, at most 64 disks; in a mixed-mode cluster only with `force` (the event carries a warning).
         *
         *     Starts a `add-vm-disk` job: `202` with the job to follow, or `200` with the finished job under `Prefer: wait=<seconds>`.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     # Create the 100 GB virtual hard disk data
         *     New-VHD -Path (Join-Path (Get-VMHost -ComputerName "hv-node-01").VirtualHardDiskPath "web01-data.vhdx") -SizeBytes 100GB -Dynamic -ComputerName "hv-node-01"
         *     # Attach the virtual hard disk data
         *     Add-VMHardDiskDrive -VMName "web01" -Path (Join-Path (Get-VMHost -ComputerName "hv-node-01").VirtualHardDiskPath "web01-data.vhdx") -ComputerName "hv-node-01"
         *     ```
         */
        post: operations["VmConfigurationController_addDisk"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vms/{id}/disks/{diskId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Grow a virtual hard disk
         * @description Grows the disk to `sizeGb` (never shrinks); Off or Running; in a mixed-mode cluster only with `force` (the event carries a warning).
         *
         *     Starts a `resize-vm-disk` job: `202` with the job to follow, or `200` with the finished job under `Prefer: wait=<seconds>`.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     # Grow the virtual hard disk data to 200 GB
         *     Resize-VHD -Path (Join-Path (Get-VMHost -ComputerName "hv-node-01").VirtualHardDiskPath "web01-data.vhdx") -SizeBytes 200GB -ComputerName "hv-node-01"
         *     ```
         */
        put: operations["VmConfigurationController_resizeDisk"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vms/{id}/integration-services/{service}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Enable or disable an integration service
         * @description Heartbeat, Shutdown, TimeSynchronization, DataExchange, VSS or GuestServiceInterface, named in the path.
         *
         *     Starts a `set-integration-service` job: `202` with the job to follow, or `200` with the finished job under `Prefer: wait=<seconds>`.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     # Disable the Heartbeat integration service
         *     Disable-VMIntegrationService -VMName "web01" -Name "Heartbeat" -ComputerName "hv-node-01"
         *     ```
         */
        put: operations["VmConfigurationController_setIntegrationService"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vms/{id}/integration-services/update": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record an integration services update
         * @description Records the integration services version delivered to the guest through its update channel (Windows Update inside the guest); the host reports it.
         *
         *     Starts a `update-integration-services` job: `202` with the job to follow, or `200` with the finished job under `Prefer: wait=<seconds>`.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     # Record integration services 10.0.14393.0 from the guest update channel
         *     Get-VMIntegrationService -VMName "web01" -ComputerName "hv-node-01"
         *     ```
         */
        post: operations["VmConfigurationController_updateIntegrationServices"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vms/{id}/checkpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The checkpoint tree of a virtual machine
         * @description Root checkpoints, each with its `children`; `isCurrent` marks the one the VM runs from, `kind` what was actually taken, `includesState` whether applying it leaves the VM Saved. PowerShell: `Get-VMCheckpoint -VMName "web01"`.
         */
        get: operations["VmConfigurationController_checkpoints"];
        put?: never;
        /**
         * Create a checkpoint
         * @description Takes a checkpoint named `name` (default `"<vm name> - (<M/D/YYYY> - <h:mm:ss AM>)"`), at most 50 per VM. Production falls back to Standard when the VM is not Running, VSS is disabled or the version is below 6.2 (the reason is in the event); ProductionOnly refuses instead; Disabled refuses. The next checkpoint branches from the current one.
         *
         *     Starts a `create-checkpoint` job: `202` with the job to follow, or `200` with the finished job under `Prefer: wait=<seconds>`.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     # Create the production checkpoint before-patch
         *     Checkpoint-VM -Name "web01" -SnapshotName "before-patch" -ComputerName "hv-node-01"
         *     ```
         */
        post: operations["VmConfigurationController_createCheckpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vms/{id}/checkpoints/{checkpointId}/apply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Apply a checkpoint
         * @description Restores the hardware the checkpoint captured: a Production (or offline) checkpoint leaves the VM Off, one with saved state leaves it Saved. It becomes the current checkpoint.
         *
         *     Starts a `apply-checkpoint` job: `202` with the job to follow, or `200` with the finished job under `Prefer: wait=<seconds>`.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     # Apply checkpoint before-patch (the VM ends Off)
         *     Get-VMCheckpoint -VMName "web01" -ComputerName "hv-node-01" | Where-Object Name -eq "before-patch" | Restore-VMCheckpoint -Confirm:$false
         *     ```
         */
        post: operations["VmConfigurationController_applyCheckpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vms/{id}/checkpoints/{checkpointId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a checkpoint
         * @description Merges the checkpoint into its parent and re-parents its children; `subtree=true` removes every descendant too.
         *
         *     Starts a `delete-checkpoint` job: `202` with the job to follow, or `200` with the finished job under `Prefer: wait=<seconds>`.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     # Delete checkpoint before-patch, merging it into its parent
         *     Get-VMCheckpoint -VMName "web01" -ComputerName "hv-node-01" | Where-Object Name -eq "before-patch" | Remove-VMCheckpoint
         *     ```
         */
        delete: operations["VmConfigurationController_deleteCheckpoint"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the event log
         * @description Every event in the store's reading order, from a position on (`after`), filtered by stream, type, actor, correlation or time; `nextCursor` is set when the page is full: pass it as `cursor` for the next page. Auditor keys only; a costly query, limited per key.
         */
        get: operations["EventsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Follow the event log live (server-sent events)
         * @description The backlog after the starting point (`after`, or `Last-Event-ID` on a reconnect), then live events as they are recorded, with the same filters as the log. Each event is `id: <globalPosition>`, `event: <type>`, `data: <event as in GET /v1/events>`; a comment every 15 s keeps the connection alive. Auditor keys only; at most EVENT_STREAMS_PER_KEY streams per key.
         */
        get: operations["EventsController_stream"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/{kind}/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The history of one resource
         * @description One host's or VM's events in stream order, each with its actor and cause: who did what, when, through which request. vm-operators see only their tenants' VMs. A costly query, limited per key.
         */
        get: operations["HistoryController_history"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/clusters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List clusters
         * @description Pages through the clusters, optionally by name. PowerShell: `Get-Cluster`.
         */
        get: operations["ClustersController_list"];
        put?: never;
        /**
         * Create a failover cluster
         * @description Creates a cluster from 1 to 64 Up hosts of one OS that are in no cluster; its functional level is that OS's (WS2012R2 → 8, WS2016 → 9). Hosts of a newer OS join later, one version up, which puts the cluster in mixed mode.
         *
         *     Starts a `create-cluster` job: `202` with the job to follow, or `200` with the finished job under `Prefer: wait=<seconds>`.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     # Create cluster hv-cluster from hv-node-01, hv-node-02
         *     New-Cluster -Name "hv-cluster" -Node "hv-node-01","hv-node-02" -NoStorage
         *     ```
         */
        post: operations["ClustersController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/clusters/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a cluster
         * @description The cluster as one big host: its nodes with state, memory in use, VM count and running live migrations; the functional level and mixed mode; resiliency; `capacity` (memory, processors, VM counts by state, nodes Up). With `asOf` or `atPosition`, the cluster as it was then (without capacity). PowerShell: `Get-ClusterNode -Cluster "hv-cluster"`.
         */
        get: operations["ClustersController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/clusters/{id}/nodes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add a node to a cluster
         * @description Adds an Up host that is in no cluster. It must run the functional level's OS or one version newer; a newer node puts the cluster in mixed mode (new VMs get the level's default version, version updates are refused, disks need `force`).
         *
         *     Starts a `add-cluster-node` job: `202` with the job to follow, or `200` with the finished job under `Prefer: wait=<seconds>`.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     # Add node hv-node-02 to cluster hv-cluster
         *     Add-ClusterNode -Cluster "hv-cluster" -Name "hv-node-02"
         *     ```
         */
        post: operations["ClustersController_addNode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/clusters/{id}/nodes/{hostId}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pause a node, draining its VMs
         * @description Pauses an Up node so that it takes no VMs. With `drain` (the default) every VM moves off first: the moves are planned up front (biggest VM first, memory counted as it goes; `DRAIN_NOT_POSSIBLE` if a VM fits nowhere) and the job has one step per VM, live for running VMs, quick for the others. The node is Paused from the start.
         *
         *     Starts a `drain-node` job: `202` with the job to follow, or `200` with the finished job under `Prefer: wait=<seconds>`.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     # Pause node hv-node-02 and drain its roles
         *     Suspend-ClusterNode -Cluster "hv-cluster" -Name "hv-node-02" -Drain
         *     # Move web01 to hv-node-01 (live migration)
         *     Move-ClusterVirtualMachineRole -Cluster "hv-cluster" -Name "web01" -Node "hv-node-01" -MigrationType Live
         *     ```
         */
        post: operations["ClustersController_pause"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/clusters/{id}/nodes/{hostId}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume a paused node
         * @description Resumes a Paused node; with `failback` the VMs its drain moved off move back to it.
         *
         *     Starts a `resume-node` job: `202` with the job to follow, or `200` with the finished job under `Prefer: wait=<seconds>`.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     # Resume node hv-node-02 and fail its roles back
         *     Resume-ClusterNode -Cluster "hv-cluster" -Name "hv-node-02" -Failback Immediate
         *     ```
         */
        post: operations["ClustersController_resume"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/clusters/{id}/nodes/{hostId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Evict a node from a cluster
         * @description Removes a Paused node that hosts no VMs; `force=true` evicts a Down node whose VMs have failed over (run through an Up node), so that a rolling upgrade's skipped dead node can leave.
         *
         *     Starts a `evict-node` job: `202` with the job to follow, or `200` with the finished job under `Prefer: wait=<seconds>`.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     # Evict node hv-node-02 from cluster hv-cluster
         *     Remove-ClusterNode -Cluster "hv-cluster" -Name "hv-node-02" -Force
         *     ```
         */
        delete: operations["ClustersController_evict"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/clusters/{id}/nodes/{hostId}/clear-quarantine": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Clear the quarantine of a node
         * @description A node that failed ungracefully too often within an hour is Quarantined (its VMs moved off); clearing it lets it rejoin the cluster before its quarantine ends.
         *
         *     Starts a `clear-node-quarantine` job: `202` with the job to follow, or `200` with the finished job under `Prefer: wait=<seconds>`.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     # Clear the quarantine of node hv-node-02 and start its cluster service
         *     Start-ClusterNode -Cluster "hv-cluster" -Name "hv-node-02" -ClearQuarantine
         *     ```
         */
        post: operations["ClustersController_clearQuarantine"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/clusters/{id}/functional-level": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Raise the functional level (or ask whether it can be raised)
         * @description Raises the cluster's functional level to its nodes' OS: every node must run the newest OS, be Up and not paused. Irreversible: nodes of the older OS can no longer join, and VMs can then be upgraded to the new configuration version. `whatIf: true` only answers whether it can be raised and what blocks it (`200`), changing nothing.
         *
         *     Starts a `raise-functional-level` job: `202` with the job to follow, or `200` with the finished job under `Prefer: wait=<seconds>`.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     # Raise the functional level of cluster hv-cluster to 9
         *     Update-ClusterFunctionalLevel -Cluster "hv-cluster" -Force
         *     ```
         */
        post: operations["ClustersController_raiseFunctionalLevel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/clusters/{id}/resiliency": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set compute resiliency and quarantine
         * @description How long an isolated node keeps its VMs (Unmonitored) before they fail over (`resiliencyPeriodSeconds`, default 240), and after how many ungraceful failures within an hour a node is quarantined, for how long. Fields left out keep their value. A change of the fabric model only: no job.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     (Get-Cluster "hv-cluster").ResiliencyPeriod = 240
         *     (Get-Cluster "hv-cluster").QuarantineThreshold = 3
         *     (Get-Cluster "hv-cluster").QuarantineDuration = 7200
         *     ```
         */
        put: operations["ClustersController_setResiliency"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/clusters/{id}/vms/{vmId}/resiliency": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set one VM's resiliency period
         * @description Overrides the cluster's resiliency period for one clustered VM; `null` returns it to the cluster's. No job.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     (Get-ClusterGroup -Cluster "hv-cluster" -Name "web01").ResiliencyPeriod = 60
         *     ```
         */
        put: operations["ClustersController_setVmResiliency"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/clusters/{id}/rolling-upgrades": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Plan or start a rolling cluster OS upgrade
         * @description Upgrades every node of a cluster to the next Windows Server version, one node at a time, while the VMs keep running: drain the node (live migration), evict it, clean-install the new OS, add it back, resume it; then, with `raiseFunctionalLevel`, raise the functional level (irreversible). Every node must be Up, one version below the target and have SLAT where the target needs it, and the running VMs must fit on the cluster without its largest node. `dryRun: true` answers the plan (node order, the VM moves of each drain, capacity, blockers, an estimate) and changes nothing; a start with blockers is `ROLLING_UPGRADE_BLOCKED`. A failed step pauses the upgrade for the operator (retry the step, skip the node or cancel); a step that outlasts `stepTimeoutSeconds` fails.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     Suspend-ClusterNode -Cluster "hv-cluster" -Name "hv-node-01" -Drain
         *     Remove-ClusterNode -Cluster "hv-cluster" -Name "hv-node-01" -Force
         *     # Clean install of Windows Server 2016 on hv-node-01, then:
         *     Install-WindowsFeature -Name Hyper-V, Failover-Clustering -IncludeManagementTools -Restart -ComputerName "hv-node-01"
         *     Add-ClusterNode -Cluster "hv-cluster" -Name "hv-node-01"
         *     Resume-ClusterNode -Cluster "hv-cluster" -Name "hv-node-01"
         *     # … every node in turn, then:
         *     Update-ClusterFunctionalLevel -Cluster "hv-cluster" -Force
         *     ```
         */
        post: operations["RollingUpgradesController_start"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rolling-upgrades": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List rolling upgrades
         * @description Pages through the rolling upgrades, optionally of one cluster or in one state.
         */
        get: operations["RollingUpgradesController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rolling-upgrades/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a rolling upgrade
         * @description Its state, the node and step in progress, each node with its steps (each step a job) and the VMs its drain moved, the failure it waits on, and the estimate.
         */
        get: operations["RollingUpgradesController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rolling-upgrades/{id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pause a rolling upgrade
         * @description The upgrade pauses once the step in progress has ended; nothing is undone.
         */
        post: operations["RollingUpgradesController_pause"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rolling-upgrades/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume a paused rolling upgrade
         * @description Continues an upgrade the operator paused. One paused on a failed step needs retry-step or skip-node instead.
         */
        post: operations["RollingUpgradesController_resume"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rolling-upgrades/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a rolling upgrade
         * @description Stops after the step in progress. The cluster stays valid: upgraded nodes keep the new OS (the cluster may stay in mixed mode) and the functional level is not raised.
         */
        post: operations["RollingUpgradesController_cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rolling-upgrades/{id}/retry-step": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Retry the failed step
         * @description Runs the step that failed again, as the next attempt of its job, and resumes the upgrade.
         */
        post: operations["RollingUpgradesController_retryStep"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rolling-upgrades/{id}/skip-node": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Skip the current node
         * @description Leaves the current node as it is (for example a dead node whose VMs failed over: evict it later with `force`) and goes on with the next. Pause first if a step is running.
         */
        post: operations["RollingUpgradesController_skipNode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vms/{id}/replication": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the replication of a virtual machine
         * @description State and health (Normal, Warning, Critical, with the reason), the ends, frequency, the recovery points (oldest first), the replicated disks, a running test failover, and the live figures of the last poll. PowerShell: `Get-VMReplication -VMName "web01"; Measure-VMReplication -VMName "web01"`.
         */
        get: operations["ReplicationController_get"];
        put?: never;
        /**
         * Enable Hyper-V Replica for a virtual machine
         * @description Replicates the VM to another host (`replicaHostId`) or to a replica cluster (`replicaClusterId`: its Replica Broker places the replica) every 30, 300 or 900 seconds, keeping up to 24 additional hourly recovery points (application-consistent with VSS if asked), for all disks or the ones listed. The replica host must be another host and run the VM's configuration version. The job sends the initial copy.
         *
         *     Starts a `enable-replication` job: `202` with the job to follow, or `200` with the finished job under `Prefer: wait=<seconds>`.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     # Enable replication of web01 to hv-dr-01 every 300 s
         *     Enable-VMReplication -VMName "web01" -ReplicaServerName "hv-dr-01" -ReplicaServerPort 80 -AuthenticationType Kerberos -ReplicationFrequencySec 300 -RecoveryHistory 4 -VSSSnapshotFrequencyHour 1 -ComputerName "hv-node-01"
         *     # Send the initial copy (60 GB) to hv-dr-01
         *     Start-VMInitialReplication -VMName "web01" -ComputerName "hv-node-01"
         *     ```
         */
        post: operations["ReplicationController_enable"];
        /**
         * Remove replication
         * @description Stops replicating the VM; the replica VM is left where it is.
         *
         *     Starts a `remove-replication` job: `202` with the job to follow, or `200` with the finished job under `Prefer: wait=<seconds>`.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     # Remove replication of web01 to hv-dr-01
         *     Remove-VMReplication -VMName "web01" -ComputerName "hv-node-01" -Confirm:$false
         *     ```
         */
        delete: operations["ReplicationController_remove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vms/{id}/replication/disks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Choose the replicated disks
         * @description Sets which disks of the VM replicate; an added disk is copied in full.
         *
         *     Starts a `set-replicated-disks` job: `202` with the job to follow, or `200` with the finished job under `Prefer: wait=<seconds>`.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     # Replicate 1 disk(s) of web01 to hv-dr-01
         *     Set-VMReplication -VMName "web01" -ReplicatedDisks (Get-VMHardDiskDrive -VMName "web01" -ComputerName "hv-node-01" | Where-Object Id -in @("b7c6d5e4-f3a2-4b1c-9d8e-7f6a5b4c3d2e")) -ComputerName "hv-node-01"
         *     ```
         */
        put: operations["ReplicationController_disks"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vms/{id}/replication/suspend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Suspend replication
         * @description Stops sending changes; they are tracked and sent when replication resumes.
         *
         *     Starts a `suspend-replication` job: `202` with the job to follow, or `200` with the finished job under `Prefer: wait=<seconds>`.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     # Suspend replication of web01 to hv-dr-01
         *     Suspend-VMReplication -VMName "web01" -ComputerName "hv-node-01"
         *     ```
         */
        post: operations["ReplicationController_suspend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vms/{id}/replication/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume replication
         * @description Sends the changes tracked while suspended and goes on replicating.
         *
         *     Starts a `resume-replication` job: `202` with the job to follow, or `200` with the finished job under `Prefer: wait=<seconds>`.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     # Resume replication of web01 to hv-dr-01
         *     Resume-VMReplication -VMName "web01" -ComputerName "hv-node-01"
         *     ```
         */
        post: operations["ReplicationController_resume"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vms/{id}/replication/resynchronize": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resynchronize replication
         * @description Compares primary and replica and copies what differs; clears Critical health after a broken change tracking.
         *
         *     Starts a `resynchronize-replication` job: `202` with the job to follow, or `200` with the finished job under `Prefer: wait=<seconds>`.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     # Resynchronize web01 with hv-dr-01 (60 GB compared)
         *     Resume-VMReplication -VMName "web01" -Resynchronize -ComputerName "hv-node-01"
         *     ```
         */
        post: operations["ReplicationController_resynchronize"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vms/{id}/replication/planned-failover": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Planned failover to the replica
         * @description With the primary VM Off: sends its last changes, fails over to the replica, reverses the direction of replication and starts the VM on the replica host. No data is lost.
         *
         *     Starts a `planned-failover` job: `202` with the job to follow, or `200` with the finished job under `Prefer: wait=<seconds>`.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     # Prepare the planned failover on hv-node-01: send the last changes of web01
         *     Start-VMFailover -VMName "web01" -Prepare -ComputerName "hv-node-01"
         *     # Fail web01 over to hv-dr-01
         *     Start-VMFailover -VMName "web01" -ComputerName "hv-dr-01"
         *     # Reverse replication: hv-dr-01 replicates web01 to hv-node-01
         *     Set-VMReplication -VMName "web01" -Reverse -ComputerName "hv-dr-01"
         *     # Start web01 on hv-dr-01
         *     Start-VM -Name "web01" -ComputerName "hv-dr-01"
         *     ```
         */
        post: operations["ReplicationController_planned"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vms/{id}/replication/failover": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Unplanned failover to a recovery point
         * @description The primary is lost: starts the replica VM from a recovery point (default the latest) without asking the primary. Commit the failover to keep that point, or fail over again to another one first.
         *
         *     Starts a `unplanned-failover` job: `202` with the job to follow, or `200` with the finished job under `Prefer: wait=<seconds>`.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     # Fail web01 over on hv-dr-01 to recovery point f0e1d2c3-b4a5-4697-8879-6a5b4c3d2e1f (hv-node-01 is not asked)
         *     Start-VMFailover -VMRecoverySnapshot (Get-VMSnapshot -VMName "web01" -SnapshotType Replica -ComputerName "hv-dr-01" | Where-Object Id -eq "f0e1d2c3-b4a5-4697-8879-6a5b4c3d2e1f") -Confirm:$false
         *     # Start web01 on hv-dr-01
         *     Start-VM -Name "web01" -ComputerName "hv-dr-01"
         *     ```
         */
        post: operations["ReplicationController_failover"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vms/{id}/replication/commit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Commit a failover
         * @description Keeps the recovery point the replica failed over to and removes the others; reverse replication afterwards to protect the VM again.
         *
         *     Starts a `commit-failover` job: `202` with the job to follow, or `200` with the finished job under `Prefer: wait=<seconds>`.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     # Commit the failover of web01 to recovery point f0e1d2c3-b4a5-4697-8879-6a5b4c3d2e1f
         *     Complete-VMFailover -VMName "web01" -ComputerName "hv-dr-01" -Confirm:$false
         *     ```
         */
        post: operations["ReplicationController_commit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vms/{id}/replication/test-failover": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a test failover
         * @description Creates and starts a separate test VM on the replica host from a recovery point (default the latest), on no production network; replication goes on. One test failover at a time.
         *
         *     Starts a `start-test-failover` job: `202` with the job to follow, or `200` with the finished job under `Prefer: wait=<seconds>`.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     # Create test VM web01 - Test on hv-dr-01 from recovery point f0e1d2c3-b4a5-4697-8879-6a5b4c3d2e1f
         *     Start-VMFailover -AsTest -VMRecoverySnapshot (Get-VMSnapshot -VMName "web01" -SnapshotType Replica -ComputerName "hv-dr-01" | Where-Object Id -eq "f0e1d2c3-b4a5-4697-8879-6a5b4c3d2e1f") -Confirm:$false
         *     # Start test VM web01 - Test
         *     Start-VM -Name "web01 - Test" -ComputerName "hv-dr-01"
         *     ```
         */
        post: operations["ReplicationController_testFailover"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vms/{id}/replication/stop-test-failover": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stop the test failover
         * @description Stops and removes the test VM.
         *
         *     Starts a `stop-test-failover` job: `202` with the job to follow, or `200` with the finished job under `Prefer: wait=<seconds>`.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     # Stop the test failover of web01 on hv-dr-01 and remove its test VM
         *     Stop-VMFailover -VMName "web01" -ComputerName "hv-dr-01"
         *     ```
         */
        post: operations["ReplicationController_stopTestFailover"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/vms/{id}/replication/reverse": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reverse replication after a failover
         * @description The VM now runs on the former replica host: replicate it back to the former primary, sending an initial copy.
         *
         *     Starts a `reverse-replication` job: `202` with the job to follow, or `200` with the finished job under `Prefer: wait=<seconds>`.
         *
         *     PowerShell:
         *
         *     ```powershell
         *     # Reverse replication: hv-dr-01 replicates web01 to hv-node-01
         *     Set-VMReplication -VMName "web01" -Reverse -ReplicaServerName "hv-node-01" -ComputerName "hv-dr-01"
         *     # Send the initial copy (60 GB) to hv-node-01
         *     Start-VMInitialReplication -VMName "web01" -ComputerName "hv-dr-01"
         *     ```
         */
        post: operations["ReplicationController_reverse"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @enum {string} */
        ProblemCode: "VALIDATION_FAILED" | "TENANTS_REQUIRED" | "TENANTS_NOT_APPLICABLE" | "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "REQUEST_TIMEOUT" | "VERSION_CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "IDEMPOTENCY_KEY_REUSED" | "RATE_LIMITED" | "TOO_MANY_STREAMS" | "TOO_MANY_CONCURRENT_QUERIES" | "INTERNAL" | "READ_MODEL_BEHIND" | "SERVICE_UNAVAILABLE" | "REQUEST_IN_PROGRESS" | "API_KEY_SECRET_UNRECOVERABLE" | "API_KEY_EXISTS" | "LAST_ADMIN_KEY" | "SLAT_REQUIRED" | "HOST_ALREADY_REGISTERED" | "HOST_ALREADY_CLUSTERED" | "HOST_NOT_EMPTY" | "UPGRADE_SKIPS_VERSION" | "UPGRADE_NOT_NEWER" | "HOST_NOT_AVAILABLE" | "HOST_OS_TOO_OLD" | "CONFIG_VERSION_UNSUPPORTED" | "FEATURE_REQUIRES_NEWER_VERSION" | "CLUSTER_IN_MIXED_MODE" | "FUNCTIONAL_LEVEL_TOO_LOW" | "FUNCTIONAL_LEVEL_BLOCKED" | "NODE_OS_TOO_OLD" | "NODE_OS_TOO_NEW" | "CLUSTER_OS_MISMATCH" | "CLUSTER_NODE_LIMIT" | "CLUSTER_ALREADY_EXISTS" | "INVALID_CLUSTER_STATE" | "INVALID_NODE_STATE" | "NODE_NOT_DRAINED" | "DRAIN_NOT_POSSIBLE" | "NO_SUITABLE_NODE" | "OPERATION_PENDING" | "ROLLING_UPGRADE_BLOCKED" | "ROLLING_UPGRADE_RUNNING" | "UPGRADE_STEP_FAILED" | "UPGRADE_FINISHED" | "NOTHING_TO_SKIP" | "NO_FAILED_STEP" | "STEP_IN_PROGRESS" | "VM_ALREADY_EXISTS" | "INVALID_VM_STATE" | "GENERATION_2_REQUIRED" | "SECURE_BOOT_TEMPLATE_MISMATCH" | "INVALID_MEMORY_SETTINGS" | "MEMORY_BELOW_DEMAND" | "RUNTIME_MEMORY_CHANGE_REFUSED" | "INSUFFICIENT_HOST_MEMORY" | "PROCESSOR_COUNT_EXCEEDS_HOST" | "CPU_VENDOR_MISMATCH" | "DUPLICATE_ADAPTER_NAME" | "ADAPTER_LIMIT" | "DUPLICATE_DISK_NAME" | "DISK_LIMIT" | "DISK_CANNOT_SHRINK" | "CHECKPOINTS_DISABLED" | "CHECKPOINT_LIMIT" | "CHECKPOINT_NAME_INVALID" | "PRODUCTION_CHECKPOINT_FAILED" | "MIGRATION_SAME_HOST" | "MIGRATION_ACROSS_CLUSTERS" | "BULK_LIMIT_EXCEEDED" | "JOB_NOT_RESTARTABLE" | "JOB_NOT_CANCELLABLE" | "REPLICATION_ALREADY_ENABLED" | "REPLICA_SAME_HOST" | "INVALID_REPLICATION_STATE" | "NO_RECOVERY_POINT" | "TEST_FAILOVER_RUNNING" | "NO_TEST_FAILOVER";
        ProblemFieldErrorDto: {
            /** @example memory.startupMb */
            path: string;
            /** @example must not be less than 32 */
            message: string;
        };
        ProblemDocumentDto: {
            /** @example https://fabric-manager.dev/problems/invalid-vm-state */
            type: string;
            /** @example Conflict */
            title: string;
            /** @example 409 */
            status: number;
            /** @example Cannot start a virtual machine that is Running; it must be Off or Saved */
            detail: string;
            /** @example /v1/vms/0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11/start */
            instance?: string;
            code: components["schemas"]["ProblemCode"];
            /** @description VALIDATION_FAILED: one entry per field */
            errors?: components["schemas"]["ProblemFieldErrorDto"][];
            /** @description The facts behind a rule refusal, named per code in the error table */
            details?: {
                [key: string]: unknown;
            };
        };
        CurrentApiKeyDto: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @enum {string} */
            role: "admin" | "fabric-admin" | "vm-operator" | "auditor";
            /** @description The tenants a vm-operator key may see; empty for other roles */
            tenants: string[];
        };
        CreateApiKeyDto: {
            /**
             * @description Recorded as the actor of every event the key causes
             * @example scvmm-prod
             */
            name: string;
            /** @enum {string} */
            role: "admin" | "fabric-admin" | "vm-operator" | "auditor";
            /** @description Required for vm-operator keys, not allowed for others */
            tenants?: string[];
        };
        CreatedApiKeyDto: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @enum {string} */
            role: "admin" | "fabric-admin" | "vm-operator" | "auditor";
            tenants: string[];
            createdAt: string;
            createdBy: string;
            revokedAt: string | null;
            /** @description The secret, shown only in this answer */
            secret: string;
            position: number;
        };
        ApiKeyDto: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @enum {string} */
            role: "admin" | "fabric-admin" | "vm-operator" | "auditor";
            tenants: string[];
            createdAt: string;
            createdBy: string;
            revokedAt: string | null;
        };
        ApiKeyPageDto: {
            items: components["schemas"]["ApiKeyDto"][];
            nextCursor: string | null;
        };
        SimDynamicMemoryDto: {
            minimumMb: number;
            maximumMb: number;
            bufferPercent: number;
        };
        SimAdapterDto: {
            id: string;
            /** @description Exposed to the guest (device naming) */
            name: string;
            switchName: string;
        };
        SimDiskDto: {
            id: string;
            name: string;
            sizeGb: number;
        };
        SimHardwareDto: {
            memoryMb: number;
            /** @description null: static memory */
            dynamicMemory: components["schemas"]["SimDynamicMemoryDto"] | null;
            processorCount: number;
            /** @description null on Generation 1 */
            secureBoot: boolean | null;
            secureBootTemplate: string | null;
            adapters: components["schemas"]["SimAdapterDto"][];
            disks: components["schemas"]["SimDiskDto"][];
        };
        SimCheckpointDto: {
            checkpointId: string;
            /**
             * Format: uuid
             * @description Hyper-V's own id of the checkpoint (Get-VMSnapshot's Id), once the host reported it
             */
            hypervisorId?: string;
            name: string;
            /** @enum {string} */
            kind: "Production" | "Standard";
            /** @description Memory and device state saved with it */
            includesState: boolean;
            parentId: string | null;
            /** @description The hardware applying it restores */
            hardware: components["schemas"]["SimHardwareDto"];
        };
        SimVmDto: {
            /**
             * Format: uuid
             * @description The fabric's id of the VM
             */
            vmId: string;
            /**
             * Format: uuid
             * @description Hyper-V's own id of the VM (Get-VM's Id), given at creation
             */
            hypervisorId: string;
            name: string;
            /** @enum {string} */
            state: "Off" | "Running" | "Saved" | "Paused";
            memoryMb: number;
            /** @description Memory the guest uses; 0 unless Running or Paused */
            memoryDemandMb: number;
            /**
             * @description What the guest reports while Running (Disabled: the Heartbeat service is off); null otherwise
             * @enum {string|null}
             */
            heartbeat: "OkApplicationsHealthy" | "OkApplicationsUnknown" | "OkApplicationsCritical" | "Disabled" | null;
            configVersion: string;
            /** @enum {number} */
            generation: 1 | 2;
            processorCount: number;
            /** @description null: static memory */
            dynamicMemory: components["schemas"]["SimDynamicMemoryDto"] | null;
            compatibilityForMigration: boolean;
            /** @description null on Generation 1 */
            secureBoot: boolean | null;
            secureBootTemplate: string | null;
            adapters: components["schemas"]["SimAdapterDto"][];
            disks: components["schemas"]["SimDiskDto"][];
            /** @description Oldest first */
            checkpoints: components["schemas"]["SimCheckpointDto"][];
            currentCheckpointId: string | null;
            /** @description Reported by the guest after an update; null until then */
            integrationServicesVersion: string | null;
            disabledIntegrationServices: string[];
            /** @description Set-VMProcessor -ExposeVirtualizationExtensions */
            exposeVirtualizationExtensions: boolean;
            /** @description Set-VM -CheckpointType, as the host has it */
            checkpointType: string;
        };
        SimFaultsDto: {
            /** Format: uuid */
            hostId: string;
            failOperations: ("create-vm" | "start-vm" | "stop-vm" | "save-vm" | "pause-vm" | "resume-vm" | "delete-vm" | "upgrade-vm-version" | "set-vm-firmware" | "add-network-adapter" | "remove-network-adapter" | "set-vm-memory" | "set-vm-processor" | "set-integration-service" | "update-integration-services" | "add-vm-disk" | "resize-vm-disk" | "set-checkpoint-type" | "create-checkpoint" | "apply-checkpoint" | "delete-checkpoint" | "reinstall-host" | "migrate-vm" | "failover-vm" | "create-cluster" | "add-cluster-node" | "evict-node" | "raise-functional-level" | "clear-node-quarantine" | "enable-replication" | "suspend-replication" | "resume-replication" | "remove-replication" | "resynchronize-replication" | "set-replicated-disks" | "planned-failover" | "unplanned-failover" | "commit-failover" | "start-test-failover" | "stop-test-failover" | "reverse-replication")[];
            dropSessions: ("create-vm" | "start-vm" | "stop-vm" | "save-vm" | "pause-vm" | "resume-vm" | "delete-vm" | "upgrade-vm-version" | "set-vm-firmware" | "add-network-adapter" | "remove-network-adapter" | "set-vm-memory" | "set-vm-processor" | "set-integration-service" | "update-integration-services" | "add-vm-disk" | "resize-vm-disk" | "set-checkpoint-type" | "create-checkpoint" | "apply-checkpoint" | "delete-checkpoint" | "reinstall-host" | "migrate-vm" | "failover-vm" | "create-cluster" | "add-cluster-node" | "evict-node" | "raise-functional-level" | "clear-node-quarantine" | "enable-replication" | "suspend-replication" | "resume-replication" | "remove-replication" | "resynchronize-replication" | "set-replicated-disks" | "planned-failover" | "unplanned-failover" | "commit-failover" | "start-test-failover" | "stop-test-failover" | "reverse-replication")[];
            unresponsive: boolean;
            crashed: boolean;
            latencyFactor: number;
            /** Format: date-time */
            updatedAt: string;
        };
        SimHostDto: {
            /** Format: uuid */
            hostId: string;
            name: string;
            osVersion: string;
            memoryMb: number;
            /** @enum {string} */
            state: "Up" | "Down";
            /**
             * Format: uuid
             * @description The cluster the host is a node of, as the cluster operations left it
             */
            clusterId: string | null;
            /** @description Memory of the Running and Paused VMs */
            memoryAssignedMb: number;
            vms: components["schemas"]["SimVmDto"][];
            faults: components["schemas"]["SimFaultsDto"] | null;
        };
        SimClusterDto: {
            /** Format: uuid */
            clusterId: string;
            name: string;
            /** @description null when the simulator has not learnt it */
            functionalLevel: number | null;
            /** @description The hosts that are nodes of the cluster */
            nodeIds: string[];
        };
        CycleLedgerDto: {
            /** @description When replication (re)started: the initial copy, a resume, a resynchronization */
            startedAt: string;
            /** @description The cycles due up to here are counted */
            settledAt: string;
            /** @description The last due cycle counted (0: none since startedAt) */
            lastDueCycle: number;
            successfulCycles: number;
            failedCycles: number;
            missedCycles: number;
            consecutiveFailedCycles: number;
            failureReason: string | null;
            lastMissedAt: string | null;
            /** @description The last cycle that reached the replica */
            lastCycle: number;
            lastReplicatedAt: string | null;
        };
        SimReplicaDto: {
            /**
             * Format: uuid
             * @description The replicated VM
             */
            vmId: string;
            /**
             * Format: uuid
             * @description Where the VM runs and replicates from
             */
            primaryHostId: string;
            /**
             * Format: uuid
             * @description Where its replica is kept
             */
            replicaHostId: string;
            /** @enum {string} */
            state: "Replicating" | "Suspended" | "FailedOver" | "Committed";
            frequencySeconds: number;
            /** @description Hyper-V runs the cycles itself: their counts as of settledAt */
            ledger: components["schemas"]["CycleLedgerDto"];
            replicatedDiskIds: string[];
            /** @description Disks of the VM outside the replicated set */
            nonReplicatedDiskIds: string[];
            /**
             * Format: uuid
             * @description The VM of a running test failover
             */
            testVmId: string | null;
            /** @description The recovery point of an unplanned failover */
            failoverRecoveryPointId: string | null;
            /** Format: date-time */
            updatedAt: string;
        };
        SimulatorDto: {
            /** @description SIMULATOR_TIME_SCALE: 1 = real time, 0 = instant */
            timeScale: number;
            /** @description SIMULATOR_SEED */
            seed: number;
            hosts: components["schemas"]["SimHostDto"][];
            /** @description Clusters as the simulated hosts know them (informational) */
            clusters: components["schemas"]["SimClusterDto"][];
            /** @description Hyper-V Replica relationships, one per replicated VM */
            replicas: components["schemas"]["SimReplicaDto"][];
            /** @description Faults for hosts no operation has named yet */
            pendingFaults: components["schemas"]["SimFaultsDto"][];
        };
        SetFaultsDto: {
            /**
             * Format: uuid
             * @description The host; it need not have been used by the fleet yet
             */
            hostId: string;
            /** @description Operations that fail on this host with OPERATION_FAILED; replaces the previous list */
            failOperations?: ("create-vm" | "start-vm" | "stop-vm" | "save-vm" | "pause-vm" | "resume-vm" | "delete-vm" | "upgrade-vm-version" | "set-vm-firmware" | "add-network-adapter" | "remove-network-adapter" | "set-vm-memory" | "set-vm-processor" | "set-integration-service" | "update-integration-services" | "add-vm-disk" | "resize-vm-disk" | "set-checkpoint-type" | "create-checkpoint" | "apply-checkpoint" | "delete-checkpoint" | "reinstall-host" | "migrate-vm" | "failover-vm" | "create-cluster" | "add-cluster-node" | "evict-node" | "raise-functional-level" | "clear-node-quarantine" | "enable-replication" | "suspend-replication" | "resume-replication" | "remove-replication" | "resynchronize-replication" | "set-replicated-disks" | "planned-failover" | "unplanned-failover" | "commit-failover" | "start-test-failover" | "stop-test-failover" | "reverse-replication")[];
            /** @description Operations whose PowerShell remoting session to this host drops while they run (a transport failure, not a refusal by the host): the job is tried again and fails with DRIVER_FAULT after its last try. failOperations naming the same operation wins. Replaces the previous list */
            dropSessions?: ("create-vm" | "start-vm" | "stop-vm" | "save-vm" | "pause-vm" | "resume-vm" | "delete-vm" | "upgrade-vm-version" | "set-vm-firmware" | "add-network-adapter" | "remove-network-adapter" | "set-vm-memory" | "set-vm-processor" | "set-integration-service" | "update-integration-services" | "add-vm-disk" | "resize-vm-disk" | "set-checkpoint-type" | "create-checkpoint" | "apply-checkpoint" | "delete-checkpoint" | "reinstall-host" | "migrate-vm" | "failover-vm" | "create-cluster" | "add-cluster-node" | "evict-node" | "raise-functional-level" | "clear-node-quarantine" | "enable-replication" | "suspend-replication" | "resume-replication" | "remove-replication" | "resynchronize-replication" | "set-replicated-disks" | "planned-failover" | "unplanned-failover" | "commit-failover" | "start-test-failover" | "stop-test-failover" | "reverse-replication")[];
            /** @description The host stops answering: operations time out with HOST_UNRESPONSIVE */
            unresponsive?: boolean;
            /** @description true: the host crashes now (Down; its running and paused VMs turn Off). false: a crashed host comes back Up */
            crash?: boolean;
            /** @description Multiplies every operation duration on the host */
            latencyFactor?: number;
        };
        SetFaultsResultDto: {
            /** Format: uuid */
            hostId: string;
            failOperations: ("create-vm" | "start-vm" | "stop-vm" | "save-vm" | "pause-vm" | "resume-vm" | "delete-vm" | "upgrade-vm-version" | "set-vm-firmware" | "add-network-adapter" | "remove-network-adapter" | "set-vm-memory" | "set-vm-processor" | "set-integration-service" | "update-integration-services" | "add-vm-disk" | "resize-vm-disk" | "set-checkpoint-type" | "create-checkpoint" | "apply-checkpoint" | "delete-checkpoint" | "reinstall-host" | "migrate-vm" | "failover-vm" | "create-cluster" | "add-cluster-node" | "evict-node" | "raise-functional-level" | "clear-node-quarantine" | "enable-replication" | "suspend-replication" | "resume-replication" | "remove-replication" | "resynchronize-replication" | "set-replicated-disks" | "planned-failover" | "unplanned-failover" | "commit-failover" | "start-test-failover" | "stop-test-failover" | "reverse-replication")[];
            dropSessions: ("create-vm" | "start-vm" | "stop-vm" | "save-vm" | "pause-vm" | "resume-vm" | "delete-vm" | "upgrade-vm-version" | "set-vm-firmware" | "add-network-adapter" | "remove-network-adapter" | "set-vm-memory" | "set-vm-processor" | "set-integration-service" | "update-integration-services" | "add-vm-disk" | "resize-vm-disk" | "set-checkpoint-type" | "create-checkpoint" | "apply-checkpoint" | "delete-checkpoint" | "reinstall-host" | "migrate-vm" | "failover-vm" | "create-cluster" | "add-cluster-node" | "evict-node" | "raise-functional-level" | "clear-node-quarantine" | "enable-replication" | "suspend-replication" | "resume-replication" | "remove-replication" | "resynchronize-replication" | "set-replicated-disks" | "planned-failover" | "unplanned-failover" | "commit-failover" | "start-test-failover" | "stop-test-failover" | "reverse-replication")[];
            unresponsive: boolean;
            crashed: boolean;
            latencyFactor: number;
            /** Format: date-time */
            updatedAt: string;
            /**
             * @description null until an operation has named the host
             * @enum {string|null}
             */
            hostState: "Up" | "Down" | null;
            /** @description VMs that went Off because this request crashed the host */
            vmsTurnedOff: string[];
        };
        ClearFaultsResultDto: {
            clearedHostIds: string[];
            /** @description Crashed hosts brought back Up; their VMs stay Off */
            recoveredHostIds: string[];
        };
        JobTargetDto: {
            /** @enum {string} */
            type: "vm" | "host" | "cluster" | "replication";
            /** Format: uuid */
            id: string;
        };
        JobStepDto: {
            name: string;
            /** @enum {string} */
            status: "Pending" | "Running" | "Succeeded" | "Failed" | "Cancelled";
            startedAt: string | null;
            finishedAt: string | null;
            /** @description What a Hyper-V administrator would run for this step */
            powershell: string;
        };
        JobErrorDto: {
            code: string;
            detail: string;
        };
        PlacementCandidateDto: {
            /** Format: uuid */
            hostId: string;
            name: string;
            eligible: boolean;
            /** @description Free memory left after placing the VM, in MB */
            rating: number | null;
            /** @description Why the node is not eligible */
            reasons: string[];
        };
        JobPlacementDto: {
            /** Format: uuid */
            clusterId: string;
            /** Format: uuid */
            chosenHostId: string;
            candidates: components["schemas"]["PlacementCandidateDto"][];
        };
        JobDto: {
            /** Format: uuid */
            id: string;
            /**
             * @description The command in kebab case
             * @example start-vm
             */
            kind: string;
            /** @enum {string} */
            status: "Queued" | "Running" | "Succeeded" | "Failed" | "Cancelled";
            progress: number;
            /** @description Starts at 1; a restart adds one */
            attempt: number;
            target: components["schemas"]["JobTargetDto"];
            steps: components["schemas"]["JobStepDto"][];
            error: components["schemas"]["JobErrorDto"] | null;
            /** @description What the finished job reports, per kind (for example the resulting state or version) */
            result: {
                [key: string]: unknown;
            } | null;
            /** @description create-vm on a cluster: each candidate node with its rating (free memory left, MB) and why it was not eligible */
            placement?: components["schemas"]["JobPlacementDto"];
            createdAt: string;
            startedAt: string | null;
            finishedAt: string | null;
            requestedBy: string;
            version: number;
        };
        JobPageDto: {
            items: components["schemas"]["JobDto"][];
            nextCursor: string | null;
        };
        ResourceRefDto: {
            /**
             * @description What the command acts on (a job, for cancel and restart)
             * @enum {string}
             */
            type: "vm" | "host" | "cluster" | "replication" | "job";
            /** Format: uuid */
            id: string;
            href: string;
        };
        AcceptedDto: {
            /** Format: uuid */
            jobId: string;
            /** @enum {string} */
            status: "Queued" | "Running" | "Succeeded" | "Failed" | "Cancelled";
            /** @description Global position of the last event written; use it as ?minPosition= */
            position: number;
            resource: components["schemas"]["ResourceRefDto"];
        };
        RegisterHostDto: {
            /**
             * @description Host name, 1–63 characters
             * @example hv01
             */
            name: string;
            /**
             * @description Management address (DNS name or IP)
             * @example 10.0.0.11
             */
            address: string;
            /** @enum {string} */
            osVersion: "WS2012R2" | "WS2016" | "WS2019" | "WS2022" | "WS2025";
            /** @description Second Level Address Translation; required from WS2016 on */
            slat: boolean;
            /** @enum {string} */
            cpuVendor: "Intel" | "AMD";
            logicalProcessors: number;
            /** @description Physical memory in MB */
            memoryMb: number;
            /** @default 2 */
            maximumLiveMigrations?: number;
        };
        HostWrittenDto: {
            /** Format: uuid */
            id: string;
            name: string;
            address: string;
            /** @enum {string} */
            osVersion: "WS2012R2" | "WS2016" | "WS2019" | "WS2022" | "WS2025";
            slat: boolean;
            /** @enum {string} */
            cpuVendor: "Intel" | "AMD";
            logicalProcessors: number;
            /** @enum {string} */
            state: "Up" | "Down" | "Paused" | "Isolated" | "Quarantined" | "Reinstalling";
            /** Format: uuid */
            clusterId: string | null;
            memoryMb: number;
            memoryUsedMb: number;
            maximumLiveMigrations: number;
            registeredAt: string;
            /** @description Stream version (also the ETag) */
            version: number;
            /** @description Global position of the last event written; use it as ?minPosition= */
            position: number;
        };
        ReinstallHostDto: {
            /**
             * @description The next OS version: one version per hop
             * @enum {string}
             */
            osVersion: "WS2012R2" | "WS2016" | "WS2019" | "WS2022" | "WS2025";
        };
        HostDto: {
            /** Format: uuid */
            id: string;
            name: string;
            address: string;
            /** @enum {string} */
            osVersion: "WS2012R2" | "WS2016" | "WS2019" | "WS2022" | "WS2025";
            slat: boolean;
            /** @enum {string} */
            cpuVendor: "Intel" | "AMD";
            logicalProcessors: number;
            /** @enum {string} */
            state: "Up" | "Down" | "Paused" | "Isolated" | "Quarantined" | "Reinstalling";
            /** Format: uuid */
            clusterId: string | null;
            memoryMb: number;
            memoryUsedMb: number;
            maximumLiveMigrations: number;
            registeredAt: string;
            /** @description Stream version (also the ETag) */
            version: number;
        };
        HostPageDto: {
            items: components["schemas"]["HostDto"][];
            nextCursor: string | null;
        };
        GuestOsDto: {
            /** @enum {string} */
            family: "windows" | "linux";
            /** @example 2016 */
            version?: string;
        };
        DynamicMemoryDto: {
            minimumMb: number;
            maximumMb: number;
            /** @default 20 */
            bufferPercent?: number;
        };
        MemoryDto: {
            /** @description Startup memory (the static size when not dynamic) */
            startupMb: number;
            dynamic?: components["schemas"]["DynamicMemoryDto"];
        };
        NetworkAdapterDto: {
            /** @description Exposed to the guest (device naming); unique per VM */
            name: string;
            switchName: string;
        };
        DiskDto: {
            name: string;
            sizeGb: number;
        };
        FirmwareDto: {
            secureBoot: boolean;
            /** @enum {string} */
            secureBootTemplate: "MicrosoftWindows" | "MicrosoftUEFICertificateAuthority" | "OpenSourceShieldedVM";
        };
        CreateVmDto: {
            /** @example web01 */
            name: string;
            /** @example contoso */
            tenant: string;
            /**
             * Format: uuid
             * @description Place on this host (or give clusterId)
             */
            hostId?: string;
            /**
             * Format: uuid
             * @description Let placement pick a node of this cluster
             */
            clusterId?: string;
            /** @enum {number} */
            generation: 1 | 2;
            /**
             * @description Defaults to the host OS's default version
             * @example 8.0
             */
            configVersion?: string;
            guestOs: components["schemas"]["GuestOsDto"];
            memory: components["schemas"]["MemoryDto"];
            processorCount: number;
            networkAdapters?: components["schemas"]["NetworkAdapterDto"][];
            disks?: components["schemas"]["DiskDto"][];
            /** @description Generation 2 only */
            firmware?: components["schemas"]["FirmwareDto"];
            /**
             * @default Production
             * @enum {string}
             */
            checkpointType?: "Production" | "ProductionOnly" | "Standard" | "Disabled";
        };
        DynamicMemoryStateDto: {
            /** @example 512 */
            minimumMb: number;
            /** @example 8192 */
            maximumMb: number;
            /** @example 20 */
            bufferPercent: number;
        };
        VmMemoryDto: {
            /**
             * @description Startup memory (the static size when not dynamic)
             * @example 2048
             */
            startupMb: number;
            /** @description Dynamic memory; null for static memory */
            dynamic: components["schemas"]["DynamicMemoryStateDto"] | null;
            /** @description What the guest uses while it runs, as it reports it */
            demandMb: number | null;
        };
        VmNetworkAdapterDto: {
            /** Format: uuid */
            id: string;
            /** @example Frontend */
            name: string;
            /** @example External */
            switchName: string;
        };
        VmDiskDto: {
            /** Format: uuid */
            id: string;
            /** @example data */
            name: string;
            /** @example 40 */
            sizeGb: number;
        };
        IntegrationServicesDto: {
            Heartbeat: boolean;
            Shutdown: boolean;
            TimeSynchronization: boolean;
            DataExchange: boolean;
            VSS: boolean;
            GuestServiceInterface: boolean;
        };
        VmDto: {
            /** Format: uuid */
            id: string;
            name: string;
            tenant: string;
            /** Format: uuid */
            hostId: string;
            /** Format: uuid */
            clusterId: string | null;
            /** @enum {number} */
            generation: 1 | 2;
            /** @example 8.0 */
            configVersion: string;
            /** @enum {string} */
            state: "Creating" | "CreationFailed" | "Off" | "Starting" | "Running" | "Pausing" | "Paused" | "Resuming" | "Saving" | "Saved" | "Stopping" | "Deleting";
            guestOs: components["schemas"]["GuestOsDto"];
            memory: components["schemas"]["VmMemoryDto"];
            processorCount: number;
            /** @description Processor compatibility mode: lets the VM move between hosts of different processor generations (same vendor) */
            processorCompatibilityForMigration: boolean;
            /** @description Nested virtualization (Set-VMProcessor -ExposeVirtualizationExtensions) */
            exposeVirtualizationExtensions: boolean;
            networkAdapters: components["schemas"]["VmNetworkAdapterDto"][];
            disks: components["schemas"]["VmDiskDto"][];
            firmware: components["schemas"]["FirmwareDto"] | null;
            /** @enum {string} */
            checkpointType: "Production" | "ProductionOnly" | "Standard" | "Disabled";
            /** Format: uuid */
            currentCheckpointId: string | null;
            /** @description The tree itself is at /v1/vms/{id}/checkpoints */
            checkpointCount: number;
            /** @description Each integration service and whether it is enabled */
            integrationServices: components["schemas"]["IntegrationServicesDto"];
            /** @description Recorded from the update channel */
            integrationServicesVersion: string | null;
            /** @enum {string} */
            heartbeat: "OkApplicationsHealthy" | "OkApplicationsUnknown" | "OkApplicationsCritical" | "NoContact" | "LostCommunication" | "Paused" | "Disabled" | "Error" | "Unknown";
            /**
             * @description Clustered VMs: Unmonitored while its node is isolated
             * @enum {string|null}
             */
            clusterStatus: "Monitored" | "Unmonitored" | null;
            /**
             * Format: uuid
             * @description The job running on this VM
             */
            pendingJobId: string | null;
            /**
             * @description Hyper-V's own id of the VM (Get-VM's Id) as its host reported it on creation; null until the VM is created
             * @example 6f9619ff-8b86-d011-b42d-00c04fc964ff
             */
            hypervisorVmId: string | null;
            createdAt: string;
            version: number;
        };
        VmPageDto: {
            items: components["schemas"]["VmDto"][];
            nextCursor: string | null;
        };
        StopVmDto: {
            /**
             * @default shutdown
             * @enum {string}
             */
            mode?: "shutdown" | "turn-off";
        };
        MigrateVmDto: {
            /**
             * Format: uuid
             * @description A node of the same cluster, or another standalone host (shared-nothing)
             */
            destinationHostId: string;
        };
        VmFilterDto: {
            /** Format: uuid */
            hostId?: string;
            /** Format: uuid */
            clusterId?: string;
            tenant?: string;
            /** @enum {string} */
            state?: "Creating" | "CreationFailed" | "Off" | "Starting" | "Running" | "Pausing" | "Paused" | "Resuming" | "Saving" | "Saved" | "Stopping" | "Deleting";
            /** @enum {string} */
            heartbeat?: "OkApplicationsHealthy" | "OkApplicationsUnknown" | "OkApplicationsCritical" | "NoContact" | "LostCommunication" | "Paused" | "Disabled" | "Error" | "Unknown";
            /** @example 8.0 */
            configVersion?: string;
            /** @enum {number} */
            generation?: 1 | 2;
        };
        BulkIntegrationServiceDto: {
            /** @description Every VM matching all given fields (at least one) */
            filter: components["schemas"]["VmFilterDto"];
            /** @enum {string} */
            service: "Heartbeat" | "Shutdown" | "TimeSynchronization" | "DataExchange" | "VSS" | "GuestServiceInterface";
            enabled: boolean;
        };
        BulkSummaryDto: {
            /** @description VMs that matched the filter */
            matched: number;
            /** @description VMs that got a job */
            accepted: number;
            /** @description VMs whose command a rule refused (see refused) */
            refusedCount: number;
        };
        BulkJobDto: {
            /** Format: uuid */
            vmId: string;
            /** Format: uuid */
            jobId: string;
        };
        BulkRefusalDto: {
            /** Format: uuid */
            vmId: string;
            code: string;
            detail: string;
        };
        BulkAcceptedDto: {
            summary: components["schemas"]["BulkSummaryDto"];
            jobs: components["schemas"]["BulkJobDto"][];
            refused: components["schemas"]["BulkRefusalDto"][];
            /** @description Global position of the last event written */
            position: number;
        };
        VersionNotNeededDto: {
            /** @description Why nothing was done */
            warning: string;
            configVersion: string;
            position: number;
        };
        SetMemoryDto: {
            /** @description Static memory size, or the new startup memory of dynamic memory */
            startupMb?: number;
            /** @description Dynamic memory; omit (or null) for static memory */
            dynamic?: components["schemas"]["DynamicMemoryDto"] | null;
        };
        SetProcessorDto: {
            processorCount?: number;
            /** @description Processor compatibility mode (Off only) */
            compatibilityForMigration?: boolean;
            /** @description Nested virtualization (Off only; configuration version 8.0 or later on a WS2016 or later host) */
            exposeVirtualizationExtensions?: boolean;
        };
        CheckpointTypeDto: {
            /** @enum {string} */
            checkpointType: "Production" | "ProductionOnly" | "Standard" | "Disabled";
        };
        AddDiskDto: {
            name: string;
            sizeGb: number;
            /** @description Create the disk even while the cluster is in mixed mode (recorded with a warning) */
            force?: boolean;
        };
        ResizeDiskDto: {
            /** @description The new size in GB; larger than the current size (disks only grow) */
            sizeGb: number;
            /** @description Resize even while the cluster is in mixed mode (recorded with a warning) */
            force?: boolean;
        };
        IntegrationServiceDto: {
            enabled: boolean;
        };
        IntegrationServicesUpdateDto: {
            /**
             * @description The version delivered through the update channel
             * @example 10.0.14393.0
             */
            version: string;
        };
        CreateCheckpointDto: {
            /** @description Default: "<vm name> - (<date> - <time>)" */
            name?: string;
        };
        CheckpointNodeDto: {
            /** Format: uuid */
            id: string;
            name: string;
            /** Format: uuid */
            parentId: string | null;
            /**
             * @description What was actually taken
             * @enum {string}
             */
            kind: "Production" | "Standard";
            /** @description Memory and device state saved with it: applying it leaves the VM Saved */
            includesState: boolean;
            createdAt: string;
            isCurrent: boolean;
            children: components["schemas"]["CheckpointNodeDto"][];
        };
        CheckpointTreeDto: {
            /** Format: uuid */
            vmId: string;
            /** Format: uuid */
            currentCheckpointId: string | null;
            count: number;
            /** @description Root checkpoints, each with its children */
            checkpoints: components["schemas"]["CheckpointNodeDto"][];
        };
        EventMetadataDto: {
            /** @description Who caused the event: an API key name, or `system:<component>` */
            actor: string;
            /** @description The role the actor acted in */
            role: string;
            /** @description Shared by every event that one client request set off */
            correlationId: string;
            /** @description The eventId of the event that caused this one */
            causationId: string | null;
            requestId: string | null;
            idempotencyKey: string | null;
            commandId?: string | null;
        };
        AuditEventDto: {
            /** Format: uuid */
            eventId: string;
            /** @example VmStarted */
            type: string;
            /** @example vm-5f0c… */
            streamId: string;
            /** @description Position inside the stream, from 1 */
            streamVersion: number;
            /** @description Position in the whole store; resume after it with ?after= or Last-Event-ID */
            globalPosition: number;
            /** Format: date-time */
            recordedAt: string;
            schemaVersion: number;
            /** @description The event body (secrets redacted) */
            data: {
                [key: string]: unknown;
            };
            metadata: components["schemas"]["EventMetadataDto"];
        };
        AuditEventPageDto: {
            items: components["schemas"]["AuditEventDto"][];
            /** @description Pass as ?cursor= for the next page; null on the last page. It is the page's last globalPosition, written as a string like every list's cursor */
            nextCursor: string | null;
        };
        CreateClusterDto: {
            /**
             * @description A NetBIOS-style cluster name: letters, digits and hyphens, at most 15
             * @example CLU01
             */
            name: string;
            /** @description 1 to 64 hosts of one OS */
            nodeIds: string[];
        };
        ClusterNodeDto: {
            /** Format: uuid */
            hostId: string;
            name: string;
            osVersion: string;
            /** @enum {string} */
            state: "Joining" | "Up" | "Paused" | "Isolated" | "Down" | "Quarantined" | "Evicting";
            cpuVendor: string;
            memoryMb: number;
            memoryUsedMb: number;
            logicalProcessors: number;
            vmCount: number;
            maximumLiveMigrations: number;
            /** @description Live migrations running now with this node at either end */
            runningLiveMigrations: number;
            /** @description Ungraceful failures within the last hour */
            recentFailures: string[];
            quarantinedUntil: string | null;
            isolatedSince: string | null;
        };
        ClusterResiliencyDto: {
            /** @enum {string} */
            resiliencyLevel: "AlwaysIsolate" | "IsolateOnSpecialHeartbeat";
            /**
             * @description How long an isolated node keeps its VMs before they fail over
             * @example 240
             */
            resiliencyPeriodSeconds: number;
            /**
             * @description Ungraceful failures within an hour that quarantine a node
             * @example 3
             */
            quarantineThreshold: number;
            /**
             * @description null: quarantined until cleared
             * @example 7200
             */
            quarantineDurationSeconds: number | null;
        };
        ClusterCapacityDto: {
            /** @description Memory of every node */
            memoryMb: number;
            /** @description Memory free on the nodes that take VMs (Up) */
            memoryFreeMb: number;
            memoryUsedMb: number;
            logicalProcessors: number;
            /** @description Logical processors of the nodes that take VMs (Up) */
            availableLogicalProcessors: number;
            vmCount: number;
            /**
             * @description VM count per state
             * @example {
             *       "Running": 3,
             *       "Off": 1
             *     }
             */
            vmsByState: {
                [key: string]: number;
            };
            nodesUp: number;
        };
        ClusterDto: {
            /** Format: uuid */
            id: string;
            name: string;
            /** @enum {string} */
            status: "Creating" | "CreationFailed" | "Active";
            functionalLevel: number;
            /** @description A node runs a newer OS than the functional level's */
            mixedMode: boolean;
            mixedModeSince: string | null;
            /** @description e.g. mixed mode for more than 4 weeks */
            warnings: string[];
            nodes: components["schemas"]["ClusterNodeDto"][];
            resiliency: components["schemas"]["ClusterResiliencyDto"];
            /** @description Per-VM resiliency periods (vm id → seconds) */
            vmResiliencyPeriods: {
                [key: string]: number;
            };
            /** @description The cluster as one big host (null in time travel) */
            capacity: components["schemas"]["ClusterCapacityDto"] | null;
            pendingJobIds: string[];
            createdAt: string;
            version: number;
        };
        ClusterPageDto: {
            items: components["schemas"]["ClusterDto"][];
            nextCursor: string | null;
        };
        AddNodeDto: {
            /** Format: uuid */
            hostId: string;
        };
        PauseNodeDto: {
            /**
             * @description Move every VM off the node first (live for running VMs, quick for the others)
             * @default true
             */
            drain?: boolean;
        };
        ResumeNodeDto: {
            /**
             * @description Move the VMs the drain took off the node back to it
             * @default false
             */
            failback?: boolean;
        };
        FunctionalLevelDto: {
            /**
             * @description Only answer whether the level can be raised (200), change nothing
             * @default false
             */
            whatIf?: boolean;
        };
        FunctionalLevelVerdictDto: {
            fromLevel: number;
            toLevel: number;
            canRaise: boolean;
            blockers: string[];
        };
        ResiliencyDto: {
            /** @enum {string} */
            resiliencyLevel?: "AlwaysIsolate" | "IsolateOnSpecialHeartbeat";
            /** @default 240 */
            resiliencyPeriodSeconds?: number;
            /** @default 3 */
            quarantineThreshold?: number;
            /**
             * @description null: until an administrator clears it
             * @default 7200
             */
            quarantineDurationSeconds?: number | null;
        };
        ResiliencyWrittenDto: {
            resiliency: components["schemas"]["ClusterResiliencyDto"];
            /** @description The cluster's stream version (its ETag) */
            version: number;
            /** @description Global position of the last event written; use it as ?minPosition= */
            position: number;
        };
        VmResiliencyDto: {
            /** @description This VM's resiliency period; null: the cluster's */
            resiliencyPeriodSeconds: number | null;
        };
        VmResiliencyWrittenDto: {
            /** Format: uuid */
            vmId: string;
            /** @description null: the cluster's period applies */
            resiliencyPeriodSeconds: number | null;
            /** @description The cluster's stream version (its ETag) */
            version: number;
            /** @description Global position of the last event written; use it as ?minPosition= */
            position: number;
        };
        StartRollingUpgradeDto: {
            /**
             * @description One version above the nodes to upgrade
             * @enum {string}
             */
            targetOsVersion: "WS2012R2" | "WS2016" | "WS2019" | "WS2022" | "WS2025";
            /**
             * @description Answer the plan (200) and change nothing
             * @default false
             */
            dryRun?: boolean;
            /**
             * @description Raise the functional level after the last node (irreversible)
             * @default false
             */
            raiseFunctionalLevel?: boolean;
            /** @description Node order (host ids); default: fewest running VMs first. Unlisted nodes follow. */
            nodeOrder?: string[];
            /**
             * @description A step that takes longer pauses the upgrade
             * @default 3600
             */
            stepTimeoutSeconds?: number;
        };
        PlannedFunctionalLevelDto: {
            /** @example 8 */
            current: number;
            /**
             * @description The level the cluster can be raised to once every node runs the target OS
             * @example 9
             */
            afterUpgrade: number;
            /** @description Whether the upgrade will raise it (raiseFunctionalLevel) */
            raise: boolean;
        };
        PlannedMoveDto: {
            /** Format: uuid */
            vmId: string;
            vmName: string;
            /** Format: uuid */
            fromHostId: string;
            /** Format: uuid */
            toHostId: string;
            toHostName: string;
            /**
             * @description Live for running or paused VMs, Quick for Off and Saved ones
             * @enum {string}
             */
            migrationType: "Live" | "Quick" | "Failover";
        };
        UnplaceableVmDto: {
            /** Format: uuid */
            vmId: string;
            vmName: string;
            reason: string;
        };
        PlannedNodeDto: {
            /** Format: uuid */
            hostId: string;
            name: string;
            /** @enum {string} */
            fromOsVersion: "WS2012R2" | "WS2016" | "WS2019" | "WS2022" | "WS2025";
            /** @example Up */
            state: string;
            runningVms: number;
            /**
             * @description skip: the node runs the target OS already
             * @enum {string}
             */
            action: "upgrade" | "skip";
            /** @description The moves the node's drain will make */
            moves: components["schemas"]["PlannedMoveDto"][];
            /** @description VMs that fit on no other node (each one is a blocker) */
            unplaceable: components["schemas"]["UnplaceableVmDto"][];
            estimatedDurationMs: number;
        };
        PlannedCapacityDto: {
            /** @description Whether the running VMs fit on the cluster without its largest node */
            ok: boolean;
            runningVmMemoryMb: number;
            capacityWithoutLargestNodeMb: number;
            detail: string;
        };
        UpgradePlanDto: {
            /** Format: uuid */
            clusterId: string;
            clusterName: string;
            targetOsVersion: string;
            functionalLevel: components["schemas"]["PlannedFunctionalLevelDto"];
            /** @description In order: each node, the VM moves its drain will make, its estimated duration */
            nodes: components["schemas"]["PlannedNodeDto"][];
            capacity: components["schemas"]["PlannedCapacityDto"];
            blockers: string[];
            estimatedRealWorldMs: number;
            /** @description At the simulator time scale */
            estimatedDurationMs: number;
        };
        UpgradeResourceDto: {
            /** @enum {string} */
            type: "rolling-upgrade";
            /** Format: uuid */
            id: string;
            /** @example /v1/rolling-upgrades/7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d */
            href: string;
        };
        UpgradeAcceptedDto: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            state: "Running" | "Paused" | "Completed" | "Failed" | "Cancelled";
            position: number;
            resource: components["schemas"]["UpgradeResourceDto"];
        };
        UpgradeStepDto: {
            /** @enum {string} */
            step: "drain" | "evict" | "reinstall" | "add" | "resume" | "raise-functional-level";
            /** Format: uuid */
            jobId: string;
            attempt: number;
            /** @enum {string} */
            status: "Running" | "Succeeded" | "Failed";
            startedAt: string;
            finishedAt: string | null;
            detail: string | null;
        };
        UpgradeNodeDto: {
            /** Format: uuid */
            hostId: string;
            name: string;
            fromOsVersion: string;
            /** @enum {string} */
            state: "Pending" | "InProgress" | "Completed" | "Skipped";
            startedAt: string | null;
            finishedAt: string | null;
            durationMs: number | null;
            /** @description VMs moved off this node by its drain */
            vmsMoved: string[];
            steps: components["schemas"]["UpgradeStepDto"][];
        };
        UpgradeFailureDto: {
            /**
             * Format: uuid
             * @description The node, or null for a step of the cluster as a whole
             */
            hostId: string | null;
            /** @enum {string} */
            step: "drain" | "evict" | "reinstall" | "add" | "resume" | "raise-functional-level";
            attempt: number;
            /**
             * @description The failed job's error code
             * @example DRAIN_NOT_POSSIBLE
             */
            code: string;
            reason: string;
            at: string;
        };
        RollingUpgradeDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            clusterId: string;
            /** @enum {string} */
            state: "Running" | "Paused" | "Completed" | "Failed" | "Cancelled";
            /** @enum {string} */
            targetOsVersion: "WS2012R2" | "WS2016" | "WS2019" | "WS2022" | "WS2025";
            /** Format: uuid */
            currentNodeId: string | null;
            currentStep: string | null;
            nodes: components["schemas"]["UpgradeNodeDto"][];
            /** @description Steps of the cluster as a whole (the functional level raise) */
            clusterSteps: components["schemas"]["UpgradeStepDto"][];
            vmsMoved: number;
            raiseFunctionalLevel: boolean;
            functionalLevelRaised: boolean;
            pauseRequested: boolean;
            cancelRequested: boolean;
            /** @description The failed step and its reason, while the upgrade waits for the operator */
            failure: components["schemas"]["UpgradeFailureDto"] | null;
            estimatedDurationMs: number;
            startedAt: string;
            finishedAt: string | null;
            version: number;
        };
        RollingUpgradePageDto: {
            items: components["schemas"]["RollingUpgradeDto"][];
            nextCursor: string | null;
        };
        UpgradeSteeredDto: {
            /** Format: uuid */
            id: string;
            /**
             * @description The events the request recorded (none when the upgrade was already so)
             * @example [
             *       "RollingUpgradePauseRequested"
             *     ]
             */
            events: string[];
            /** @description Global position of the last event written; use it as ?minPosition= */
            position: number;
            resource: components["schemas"]["UpgradeResourceDto"];
        };
        EnableReplicationDto: {
            /**
             * Format: uuid
             * @description The replica host; it must run the VM’s configuration version
             */
            replicaHostId?: string;
            /**
             * Format: uuid
             * @description Or a replica cluster: placement picks its node (the Replica Broker’s choice)
             */
            replicaClusterId?: string;
            /**
             * @default 300
             * @enum {number}
             */
            frequencySeconds?: 30 | 300 | 900;
            /**
             * @description Additional hourly recovery points
             * @default 0
             */
            recoveryPoints?: number;
            /** @default false */
            applicationConsistent?: boolean;
            /** @description Disks to replicate (default: all) */
            includeDiskIds?: string[];
        };
        ReplicaBrokerDto: {
            /** Format: uuid */
            clusterId: string;
            /** @example HVR-BROKER */
            name: string;
        };
        ReplicationStatisticsDto: {
            observedAt: string;
            /** @description Over the last cycles */
            averageSizeMb: number | null;
            maximumSizeMb: number | null;
            /** @description Since replication last (re)started */
            successfulCycles: number;
            failedCycles: number;
            /** @description Cycles skipped because the one before was still being sent */
            missedCycles: number;
            consecutiveFailedCycles: number;
            failureReason: string | null;
        };
        RecoveryPointDto: {
            /** Format: uuid */
            id: string;
            /** @description Hyper-V's own id of the point (Get-VMSnapshot -SnapshotType Replica), as the host reported it; absent for points recorded before hosts reported it */
            hypervisorId?: string;
            /** @description The replication cycle that made it */
            seq: number;
            at: string;
            /** @enum {string} */
            kind: "Standard" | "ApplicationConsistent";
        };
        TestFailoverDto: {
            /** Format: uuid */
            testVmId: string;
            /** @example web01 - Test */
            testVmName: string;
            /** Format: uuid */
            recoveryPointId: string;
            /** @description False while the test VM is being created */
            running: boolean;
        };
        ReplicationDto: {
            /** Format: uuid */
            vmId: string;
            /** @enum {string} */
            state: "Enabling" | "Replicating" | "Suspended" | "Resynchronizing" | "FailedOver" | "Committed" | "Removed";
            /** @enum {string} */
            health: "Normal" | "Warning" | "Critical";
            healthReason: string | null;
            /** Format: uuid */
            primaryHostId: string;
            /** Format: uuid */
            replicaHostId: string;
            frequencySeconds: number;
            /** @description Additional hourly recovery points kept */
            additionalRecoveryPoints: number;
            applicationConsistent: boolean;
            lastReplicatedAt: string | null;
            lastReplicationSizeMb: number | null;
            /** @description A replica cluster: its Replica Broker, which Enable-VMReplication addressed */
            replicaBroker: components["schemas"]["ReplicaBrokerDto"] | null;
            /** @description The live figures of the last poll */
            statistics: components["schemas"]["ReplicationStatisticsDto"] | null;
            /** @description Oldest first; the last is the latest */
            recoveryPoints: components["schemas"]["RecoveryPointDto"][];
            replicatedDiskIds: string[];
            nonReplicatedDiskIds: string[];
            testFailover: components["schemas"]["TestFailoverDto"] | null;
            pendingJobId: string | null;
            version: number;
        };
        ReplicatedDisksDto: {
            includeDiskIds: string[];
        };
        RecoveryPointChoiceDto: {
            /**
             * Format: uuid
             * @description Default: the latest recovery point
             */
            recoveryPointId?: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    CurrentApiKeyController_current: {
        parameters: {
            query?: {
                /** @description Read-your-writes: the `position` a write answered with; the read waits (up to 5 s) until the read models have it, else `503 READ_MODEL_BEHIND` */
                minPosition?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "c0ffee00-1234-4abc-8def-0123456789ab",
                     *       "name": "scvmm-prod",
                     *       "role": "vm-operator",
                     *       "tenants": [
                     *         "contoso"
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["CurrentApiKeyDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key<br>`READ_MODEL_BEHIND`: The read models did not reach minPosition in time; retry after Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    ApiKeysController_list: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Opaque cursor from the previous page */
                cursor?: string;
                /** @description Read-your-writes: the `position` a write answered with; the read waits (up to 5 s) until the read models have it, else `503 READ_MODEL_BEHIND` */
                minPosition?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "c0ffee00-1234-4abc-8def-0123456789ab",
                     *           "name": "scvmm-prod",
                     *           "role": "vm-operator",
                     *           "tenants": [
                     *             "contoso"
                     *           ],
                     *           "createdAt": "2026-03-01T07:00:00.000Z",
                     *           "createdBy": "bootstrap-admin",
                     *           "revokedAt": null
                     *         }
                     *       ],
                     *       "nextCursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["ApiKeyPageDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key<br>`READ_MODEL_BEHIND`: The read models did not reach minPosition in time; retry after Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    ApiKeysController_create: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiKeyDto"];
            };
        };
        responses: {
            /** @description Issued; the secret is shown only here */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "c0ffee00-1234-4abc-8def-0123456789ab",
                     *       "name": "scvmm-prod",
                     *       "role": "vm-operator",
                     *       "tenants": [
                     *         "contoso"
                     *       ],
                     *       "createdAt": "2026-03-01T07:00:00.000Z",
                     *       "createdBy": "bootstrap-admin",
                     *       "revokedAt": null,
                     *       "secret": "fm_3q2VbLr8kQ0yJx7mN4tW9sZc1dH6gE5p",
                     *       "position": 1002
                     *     }
                     */
                    "application/json": components["schemas"]["CreatedApiKeyDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it<br>`TENANTS_REQUIRED`: A vm-operator key needs at least one tenant<br>`TENANTS_NOT_APPLICABLE`: Only vm-operator keys are limited to tenants */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`API_KEY_EXISTS`: An API key with this id exists already<br>`API_KEY_SECRET_UNRECOVERABLE`: A retry of a key issuance whose first try issued the key: the secret is shown only once */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    ApiKeysController_revoke: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`LAST_ADMIN_KEY`: The last active admin key cannot be revoked; issue another admin key first */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    SimulatorController_describe: {
        parameters: {
            query?: {
                /** @description Read-your-writes: the `position` a write answered with; the read waits (up to 5 s) until the read models have it, else `503 READ_MODEL_BEHIND` */
                minPosition?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "timeScale": 0.01,
                     *       "seed": 42,
                     *       "hosts": [],
                     *       "clusters": [],
                     *       "replicas": [],
                     *       "pendingFaults": []
                     *     }
                     */
                    "application/json": components["schemas"]["SimulatorDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key<br>`READ_MODEL_BEHIND`: The read models did not reach minPosition in time; retry after Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    SimulatorController_setFaults: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetFaultsDto"];
            };
        };
        responses: {
            /** @description The host's faults now */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "hostId": "5d2a7a43-1b9e-4f3c-8f56-0c4e2e9a7b10",
                     *       "failOperations": [
                     *         "start-vm"
                     *       ],
                     *       "dropSessions": [],
                     *       "unresponsive": false,
                     *       "crashed": false,
                     *       "latencyFactor": 2,
                     *       "updatedAt": "2026-03-02T10:00:00.000Z",
                     *       "hostState": "Up",
                     *       "vmsTurnedOff": []
                     *     }
                     */
                    "application/json": components["schemas"]["SetFaultsResultDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    SimulatorController_clearFaults: {
        parameters: {
            query?: {
                /** @description Clear this host only; without it, every host */
                hostId?: string;
            };
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The hosts cleared and the ones brought back */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "clearedHostIds": [
                     *         "5d2a7a43-1b9e-4f3c-8f56-0c4e2e9a7b10"
                     *       ],
                     *       "recoveredHostIds": []
                     *     }
                     */
                    "application/json": components["schemas"]["ClearFaultsResultDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    JobsController_list: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Opaque cursor from the previous page */
                cursor?: string;
                status?: "Queued" | "Running" | "Succeeded" | "Failed" | "Cancelled";
                kind?: string;
                /** @description The VM, host or cluster the jobs act on */
                targetId?: string;
                /** @description Read-your-writes: the `position` a write answered with; the read waits (up to 5 s) until the read models have it, else `503 READ_MODEL_BEHIND` */
                minPosition?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *           "kind": "start-vm",
                     *           "status": "Running",
                     *           "progress": 0,
                     *           "attempt": 1,
                     *           "target": {
                     *             "type": "vm",
                     *             "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *           },
                     *           "steps": [
                     *             {
                     *               "name": "Start the virtual machine",
                     *               "status": "Running",
                     *               "startedAt": "2026-03-02T10:15:00.120Z",
                     *               "finishedAt": null,
                     *               "powershell": "Start-VM -Name \"web01\" -ComputerName \"hv-node-01\""
                     *             }
                     *           ],
                     *           "error": null,
                     *           "result": null,
                     *           "createdAt": "2026-03-02T10:15:00.020Z",
                     *           "startedAt": "2026-03-02T10:15:00.110Z",
                     *           "finishedAt": null,
                     *           "requestedBy": "ops-key",
                     *           "version": 3
                     *         }
                     *       ],
                     *       "nextCursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["JobPageDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key<br>`READ_MODEL_BEHIND`: The read models did not reach minPosition in time; retry after Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    JobsController_get: {
        parameters: {
            query?: {
                /** @description Read-your-writes: the `position` a write answered with; the read waits (up to 5 s) until the read models have it, else `503 READ_MODEL_BEHIND` */
                minPosition?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Found; `ETag` carries the version to send as `If-Match` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "kind": "start-vm",
                     *       "status": "Running",
                     *       "progress": 0,
                     *       "attempt": 1,
                     *       "target": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       },
                     *       "steps": [
                     *         {
                     *           "name": "Start the virtual machine",
                     *           "status": "Running",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": null,
                     *           "powershell": "Start-VM -Name \"web01\" -ComputerName \"hv-node-01\""
                     *         }
                     *       ],
                     *       "error": null,
                     *       "result": null,
                     *       "createdAt": "2026-03-02T10:15:00.020Z",
                     *       "startedAt": "2026-03-02T10:15:00.110Z",
                     *       "finishedAt": null,
                     *       "requestedBy": "ops-key",
                     *       "version": 3
                     *     }
                     */
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key<br>`READ_MODEL_BEHIND`: The read models did not reach minPosition in time; retry after Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    JobsController_cancel: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The cancellation is recorded */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Cancelled",
                     *       "position": 1050,
                     *       "resource": {
                     *         "type": "job",
                     *         "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *         "href": "/v1/jobs/3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`JOB_NOT_CANCELLABLE`: The job has ended or cannot be cancelled now */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    JobsController_restart: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Under `Prefer: wait`: the attempt ended in time */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "kind": "start-vm",
                     *       "status": "Succeeded",
                     *       "progress": 0,
                     *       "attempt": 2,
                     *       "target": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       },
                     *       "steps": [
                     *         {
                     *           "name": "Start the virtual machine",
                     *           "status": "Running",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": null,
                     *           "powershell": "Start-VM -Name \"web01\" -ComputerName \"hv-node-01\""
                     *         }
                     *       ],
                     *       "error": null,
                     *       "result": null,
                     *       "createdAt": "2026-03-02T10:15:00.020Z",
                     *       "startedAt": "2026-03-02T10:15:00.110Z",
                     *       "finishedAt": null,
                     *       "requestedBy": "ops-key",
                     *       "version": 3
                     *     }
                     */
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description The new attempt is recorded; `Location` is the job */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1051,
                     *       "resource": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *         "href": "/v1/vms/0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`JOB_NOT_RESTARTABLE`: The job is not the last failed operation of its target<br>`OPERATION_PENDING`: The resource is busy with another job; wait for it or cancel it (`details.jobId`)<br>`INVALID_VM_STATE`: The VM's power state does not allow the command (`details`: state, allowed) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    HostsController_list: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Opaque cursor from the previous page */
                cursor?: string;
                osVersion?: "WS2012R2" | "WS2016" | "WS2019" | "WS2022" | "WS2025";
                clusterId?: string;
                /** @description Read-your-writes: the `position` a write answered with; the read waits (up to 5 s) until the read models have it, else `503 READ_MODEL_BEHIND` */
                minPosition?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "5d2a7a43-1b9e-4f3c-8f56-0c4e2e9a7b10",
                     *           "name": "hv-node-01",
                     *           "address": "10.0.0.11",
                     *           "osVersion": "WS2016",
                     *           "slat": true,
                     *           "cpuVendor": "Intel",
                     *           "logicalProcessors": 32,
                     *           "state": "Up",
                     *           "clusterId": "9e8d7c6b-5a49-4382-9170-a1b2c3d4e5f6",
                     *           "memoryMb": 262144,
                     *           "memoryUsedMb": 49152,
                     *           "maximumLiveMigrations": 2,
                     *           "registeredAt": "2026-03-01T08:00:00.000Z",
                     *           "version": 3
                     *         }
                     *       ],
                     *       "nextCursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["HostPageDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key<br>`READ_MODEL_BEHIND`: The read models did not reach minPosition in time; retry after Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    HostsController_register: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisterHostDto"];
            };
        };
        responses: {
            /** @description The host as recorded */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "5d2a7a43-1b9e-4f3c-8f56-0c4e2e9a7b10",
                     *       "name": "hv-node-01",
                     *       "address": "10.0.0.11",
                     *       "osVersion": "WS2016",
                     *       "slat": true,
                     *       "cpuVendor": "Intel",
                     *       "logicalProcessors": 32,
                     *       "state": "Up",
                     *       "clusterId": null,
                     *       "memoryMb": 262144,
                     *       "memoryUsedMb": 0,
                     *       "maximumLiveMigrations": 2,
                     *       "registeredAt": "2026-03-01T08:00:00.000Z",
                     *       "version": 1,
                     *       "position": 1001
                     *     }
                     */
                    "application/json": components["schemas"]["HostWrittenDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`SLAT_REQUIRED`: A host without SLAT cannot run Windows Server 2016 or later Hyper-V<br>`HOST_ALREADY_REGISTERED`: The host is registered already */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    HostsController_reinstall: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReinstallHostDto"];
            };
        };
        responses: {
            /** @description Under `Prefer: wait`: the job ended in time (it may have Failed; see `error`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "kind": "reinstall-host",
                     *       "status": "Succeeded",
                     *       "progress": 100,
                     *       "attempt": 1,
                     *       "target": {
                     *         "type": "host",
                     *         "id": "5d2a7a43-1b9e-4f3c-8f56-0c4e2e9a7b10"
                     *       },
                     *       "steps": [
                     *         {
                     *           "name": "Clean-install Windows Server 2016",
                     *           "powershell": "# Clean install of Windows Server 2016 on hv-node-01 (installation media / WDS), then:\nInstall-WindowsFeature -Name Hyper-V, Failover-Clustering -IncludeManagementTools -Restart -ComputerName \"hv-node-01\"",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         }
                     *       ],
                     *       "error": null,
                     *       "result": null,
                     *       "createdAt": "2026-03-02T10:15:00.020Z",
                     *       "startedAt": "2026-03-02T10:15:00.110Z",
                     *       "finishedAt": "2026-03-02T10:15:02.500Z",
                     *       "requestedBy": "ops-key",
                     *       "version": 4
                     *     }
                     */
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description The job is recorded; `Location` is the job to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1042,
                     *       "resource": {
                     *         "type": "host",
                     *         "id": "5d2a7a43-1b9e-4f3c-8f56-0c4e2e9a7b10",
                     *         "href": "/v1/hosts/5d2a7a43-1b9e-4f3c-8f56-0c4e2e9a7b10"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`HOST_NOT_EMPTY`: A reinstall needs a host in no cluster and without virtual machines<br>`UPGRADE_SKIPS_VERSION`: A reinstall moves exactly one OS version up<br>`UPGRADE_NOT_NEWER`: A reinstall needs a newer OS than the host runs<br>`SLAT_REQUIRED`: A host without SLAT cannot run Windows Server 2016 or later Hyper-V<br>`OPERATION_PENDING`: The resource is busy with another job; wait for it or cancel it (`details.jobId`) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    HostsController_get: {
        parameters: {
            query?: {
                /** @description Time travel: the state from the events recorded at or before this instant */
                asOf?: string;
                /** @description Time travel: the state from the events at or before this global position (not with asOf) */
                atPosition?: number;
                /** @description Read-your-writes: the `position` a write answered with; the read waits (up to 5 s) until the read models have it, else `503 READ_MODEL_BEHIND` */
                minPosition?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Found; `ETag` carries the version to send as `If-Match` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "5d2a7a43-1b9e-4f3c-8f56-0c4e2e9a7b10",
                     *       "name": "hv-node-01",
                     *       "address": "10.0.0.11",
                     *       "osVersion": "WS2016",
                     *       "slat": true,
                     *       "cpuVendor": "Intel",
                     *       "logicalProcessors": 32,
                     *       "state": "Up",
                     *       "clusterId": "9e8d7c6b-5a49-4382-9170-a1b2c3d4e5f6",
                     *       "memoryMb": 262144,
                     *       "memoryUsedMb": 49152,
                     *       "maximumLiveMigrations": 2,
                     *       "registeredAt": "2026-03-01T08:00:00.000Z",
                     *       "version": 3
                     *     }
                     */
                    "application/json": components["schemas"]["HostDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After<br>`TOO_MANY_CONCURRENT_QUERIES`: The key has EXPENSIVE_QUERIES_PER_KEY audit or time-travel queries running already */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key<br>`READ_MODEL_BEHIND`: The read models did not reach minPosition in time; retry after Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    VmsController_list: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Opaque cursor from the previous page */
                cursor?: string;
                hostId?: string;
                clusterId?: string;
                tenant?: string;
                state?: "Creating" | "CreationFailed" | "Off" | "Starting" | "Running" | "Pausing" | "Paused" | "Resuming" | "Saving" | "Saved" | "Stopping" | "Deleting";
                heartbeat?: "OkApplicationsHealthy" | "OkApplicationsUnknown" | "OkApplicationsCritical" | "NoContact" | "LostCommunication" | "Paused" | "Disabled" | "Error" | "Unknown";
                configVersion?: string;
                generation?: 1 | 2;
                /** @description Read-your-writes: the `position` a write answered with; the read waits (up to 5 s) until the read models have it, else `503 READ_MODEL_BEHIND` */
                minPosition?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *           "name": "web01",
                     *           "tenant": "contoso",
                     *           "hostId": "5d2a7a43-1b9e-4f3c-8f56-0c4e2e9a7b10",
                     *           "clusterId": "9e8d7c6b-5a49-4382-9170-a1b2c3d4e5f6",
                     *           "generation": 2,
                     *           "configVersion": "8.0",
                     *           "state": "Running",
                     *           "guestOs": {
                     *             "family": "windows",
                     *             "version": "2016"
                     *           },
                     *           "memory": {
                     *             "startupMb": 2048,
                     *             "dynamic": {
                     *               "minimumMb": 512,
                     *               "maximumMb": 8192,
                     *               "bufferPercent": 20
                     *             },
                     *             "demandMb": 1730
                     *           },
                     *           "processorCount": 2,
                     *           "processorCompatibilityForMigration": false,
                     *           "exposeVirtualizationExtensions": false,
                     *           "networkAdapters": [
                     *             {
                     *               "id": "6a1f2e3d-4c5b-4a69-8877-665544332211",
                     *               "name": "Frontend",
                     *               "switchName": "External"
                     *             }
                     *           ],
                     *           "disks": [
                     *             {
                     *               "id": "b7c6d5e4-f3a2-4b1c-9d8e-7f6a5b4c3d2e",
                     *               "name": "os",
                     *               "sizeGb": 60
                     *             }
                     *           ],
                     *           "firmware": {
                     *             "secureBoot": true,
                     *             "secureBootTemplate": "MicrosoftWindows"
                     *           },
                     *           "checkpointType": "Production",
                     *           "currentCheckpointId": null,
                     *           "checkpointCount": 0,
                     *           "integrationServices": {
                     *             "Heartbeat": true,
                     *             "Shutdown": true,
                     *             "TimeSynchronization": true,
                     *             "DataExchange": true,
                     *             "VSS": true,
                     *             "GuestServiceInterface": false
                     *           },
                     *           "integrationServicesVersion": "10.0.14393.0",
                     *           "heartbeat": "OkApplicationsHealthy",
                     *           "clusterStatus": "Monitored",
                     *           "pendingJobId": null,
                     *           "hypervisorVmId": "6f9619ff-8b86-d011-b42d-00c04fc964ff",
                     *           "createdAt": "2026-03-02T09:58:12.331Z",
                     *           "version": 7
                     *         }
                     *       ],
                     *       "nextCursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["VmPageDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key<br>`READ_MODEL_BEHIND`: The read models did not reach minPosition in time; retry after Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    VmsController_create: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateVmDto"];
            };
        };
        responses: {
            /** @description Under `Prefer: wait`: the job ended in time (it may have Failed; see `error`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "kind": "create-vm",
                     *       "status": "Succeeded",
                     *       "progress": 100,
                     *       "attempt": 1,
                     *       "target": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       },
                     *       "steps": [
                     *         {
                     *           "name": "Create the virtual machine (Generation 2, version 8.0)",
                     *           "powershell": "New-VM -Name \"web01\" -Generation 2 -Version 8.0 -MemoryStartupBytes 2048MB -NoVHD -ComputerName \"hv-node-01\"",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         },
                     *         {
                     *           "name": "Use 2 virtual processors",
                     *           "powershell": "Set-VMProcessor -VMName \"web01\" -Count 2 -ComputerName \"hv-node-01\"",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         },
                     *         {
                     *           "name": "Add network adapter Frontend on switch External",
                     *           "powershell": "Add-VMNetworkAdapter -VMName \"web01\" -Name \"Frontend\" -SwitchName \"External\" -DeviceNaming On -ComputerName \"hv-node-01\"",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         }
                     *       ],
                     *       "error": null,
                     *       "result": null,
                     *       "createdAt": "2026-03-02T10:15:00.020Z",
                     *       "startedAt": "2026-03-02T10:15:00.110Z",
                     *       "finishedAt": "2026-03-02T10:15:02.500Z",
                     *       "requestedBy": "ops-key",
                     *       "version": 4
                     *     }
                     */
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description The job is recorded; `Location` is the job to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1042,
                     *       "resource": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *         "href": "/v1/vms/0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`HOST_NOT_AVAILABLE`: The host or node is not Up (or is paused, isolated, down or quarantined)<br>`CONFIG_VERSION_UNSUPPORTED`: The host, a node of the cluster or the replica host cannot run this configuration version<br>`CLUSTER_IN_MIXED_MODE`: The nodes run different OS: no version above the functional level, no version updates, disks only with force<br>`FUNCTIONAL_LEVEL_TOO_LOW`: Every node runs a newer OS but the functional level was not raised yet<br>`INVALID_CLUSTER_STATE`: The cluster is not Active yet<br>`NO_SUITABLE_NODE`: No node of the cluster can take the virtual machine<br>`GENERATION_2_REQUIRED`: The feature needs a Generation 2 virtual machine<br>`FEATURE_REQUIRES_NEWER_VERSION`: The VM's configuration version is too old for the feature (`details`: feature, configVersion, requiredVersion)<br>`HOST_OS_TOO_OLD`: The host's OS lacks the feature (`details`: feature, host, osVersion, minimumOsVersion)<br>`INVALID_MEMORY_SETTINGS`: The memory shape is wrong (minimum 32 MB, buffer 5–2000 %, minimum ≤ startup ≤ maximum)<br>`INSUFFICIENT_HOST_MEMORY`: The host has not enough free memory<br>`PROCESSOR_COUNT_EXCEEDS_HOST`: More virtual processors than the host has logical processors<br>`DUPLICATE_ADAPTER_NAME`: Network adapter names are unique per VM (case-insensitive)<br>`ADAPTER_LIMIT`: A virtual machine has at most 8 network adapters<br>`DUPLICATE_DISK_NAME`: Disk names are unique per VM<br>`VM_ALREADY_EXISTS`: The virtual machine exists already */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    VmsController_get: {
        parameters: {
            query?: {
                /** @description Time travel: the state from the events recorded at or before this instant */
                asOf?: string;
                /** @description Time travel: the state from the events at or before this global position (not with asOf) */
                atPosition?: number;
                /** @description Read-your-writes: the `position` a write answered with; the read waits (up to 5 s) until the read models have it, else `503 READ_MODEL_BEHIND` */
                minPosition?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Found; `ETag` carries the version to send as `If-Match` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *       "name": "web01",
                     *       "tenant": "contoso",
                     *       "hostId": "5d2a7a43-1b9e-4f3c-8f56-0c4e2e9a7b10",
                     *       "clusterId": "9e8d7c6b-5a49-4382-9170-a1b2c3d4e5f6",
                     *       "generation": 2,
                     *       "configVersion": "8.0",
                     *       "state": "Running",
                     *       "guestOs": {
                     *         "family": "windows",
                     *         "version": "2016"
                     *       },
                     *       "memory": {
                     *         "startupMb": 2048,
                     *         "dynamic": {
                     *           "minimumMb": 512,
                     *           "maximumMb": 8192,
                     *           "bufferPercent": 20
                     *         },
                     *         "demandMb": 1730
                     *       },
                     *       "processorCount": 2,
                     *       "processorCompatibilityForMigration": false,
                     *       "exposeVirtualizationExtensions": false,
                     *       "networkAdapters": [
                     *         {
                     *           "id": "6a1f2e3d-4c5b-4a69-8877-665544332211",
                     *           "name": "Frontend",
                     *           "switchName": "External"
                     *         }
                     *       ],
                     *       "disks": [
                     *         {
                     *           "id": "b7c6d5e4-f3a2-4b1c-9d8e-7f6a5b4c3d2e",
                     *           "name": "os",
                     *           "sizeGb": 60
                     *         }
                     *       ],
                     *       "firmware": {
                     *         "secureBoot": true,
                     *         "secureBootTemplate": "MicrosoftWindows"
                     *       },
                     *       "checkpointType": "Production",
                     *       "currentCheckpointId": null,
                     *       "checkpointCount": 0,
                     *       "integrationServices": {
                     *         "Heartbeat": true,
                     *         "Shutdown": true,
                     *         "TimeSynchronization": true,
                     *         "DataExchange": true,
                     *         "VSS": true,
                     *         "GuestServiceInterface": false
                     *       },
                     *       "integrationServicesVersion": "10.0.14393.0",
                     *       "heartbeat": "OkApplicationsHealthy",
                     *       "clusterStatus": "Monitored",
                     *       "pendingJobId": null,
                     *       "hypervisorVmId": "6f9619ff-8b86-d011-b42d-00c04fc964ff",
                     *       "createdAt": "2026-03-02T09:58:12.331Z",
                     *       "version": 7
                     *     }
                     */
                    "application/json": components["schemas"]["VmDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After<br>`TOO_MANY_CONCURRENT_QUERIES`: The key has EXPENSIVE_QUERIES_PER_KEY audit or time-travel queries running already */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key<br>`READ_MODEL_BEHIND`: The read models did not reach minPosition in time; retry after Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    VmsController_remove: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Under `Prefer: wait`: the job ended in time (it may have Failed; see `error`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "kind": "delete-vm",
                     *       "status": "Succeeded",
                     *       "progress": 100,
                     *       "attempt": 1,
                     *       "target": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       },
                     *       "steps": [
                     *         {
                     *           "name": "Remove the virtual machine",
                     *           "powershell": "Remove-VM -Name \"web01\" -ComputerName \"hv-node-01\" -Force",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         }
                     *       ],
                     *       "error": null,
                     *       "result": null,
                     *       "createdAt": "2026-03-02T10:15:00.020Z",
                     *       "startedAt": "2026-03-02T10:15:00.110Z",
                     *       "finishedAt": "2026-03-02T10:15:02.500Z",
                     *       "requestedBy": "ops-key",
                     *       "version": 4
                     *     }
                     */
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description The job is recorded; `Location` is the job to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1042,
                     *       "resource": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *         "href": "/v1/vms/0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`OPERATION_PENDING`: The resource is busy with another job; wait for it or cancel it (`details.jobId`)<br>`INVALID_VM_STATE`: The VM's power state does not allow the command (`details`: state, allowed) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    VmsController_start: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Under `Prefer: wait`: the job ended in time (it may have Failed; see `error`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "kind": "start-vm",
                     *       "status": "Succeeded",
                     *       "progress": 100,
                     *       "attempt": 1,
                     *       "target": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       },
                     *       "steps": [
                     *         {
                     *           "name": "Start the virtual machine",
                     *           "powershell": "Start-VM -Name \"web01\" -ComputerName \"hv-node-01\"",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         }
                     *       ],
                     *       "error": null,
                     *       "result": null,
                     *       "createdAt": "2026-03-02T10:15:00.020Z",
                     *       "startedAt": "2026-03-02T10:15:00.110Z",
                     *       "finishedAt": "2026-03-02T10:15:02.500Z",
                     *       "requestedBy": "ops-key",
                     *       "version": 4
                     *     }
                     */
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description The job is recorded; `Location` is the job to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1042,
                     *       "resource": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *         "href": "/v1/vms/0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`OPERATION_PENDING`: The resource is busy with another job; wait for it or cancel it (`details.jobId`)<br>`INVALID_VM_STATE`: The VM's power state does not allow the command (`details`: state, allowed)<br>`HOST_NOT_AVAILABLE`: The host or node is not Up (or is paused, isolated, down or quarantined)<br>`CONFIG_VERSION_UNSUPPORTED`: The host, a node of the cluster or the replica host cannot run this configuration version<br>`SECURE_BOOT_TEMPLATE_MISMATCH`: A Linux guest cannot start with Secure Boot and the MicrosoftWindows template<br>`FEATURE_REQUIRES_NEWER_VERSION`: The VM's configuration version is too old for the feature (`details`: feature, configVersion, requiredVersion)<br>`INSUFFICIENT_HOST_MEMORY`: The host has not enough free memory */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    VmsController_stop: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StopVmDto"];
            };
        };
        responses: {
            /** @description Under `Prefer: wait`: the job ended in time (it may have Failed; see `error`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "kind": "stop-vm",
                     *       "status": "Succeeded",
                     *       "progress": 100,
                     *       "attempt": 1,
                     *       "target": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       },
                     *       "steps": [
                     *         {
                     *           "name": "Shut down the guest operating system",
                     *           "powershell": "Stop-VM -Name \"web01\" -ComputerName \"hv-node-01\" -Force",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         }
                     *       ],
                     *       "error": null,
                     *       "result": null,
                     *       "createdAt": "2026-03-02T10:15:00.020Z",
                     *       "startedAt": "2026-03-02T10:15:00.110Z",
                     *       "finishedAt": "2026-03-02T10:15:02.500Z",
                     *       "requestedBy": "ops-key",
                     *       "version": 4
                     *     }
                     */
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description The job is recorded; `Location` is the job to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1042,
                     *       "resource": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *         "href": "/v1/vms/0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`OPERATION_PENDING`: The resource is busy with another job; wait for it or cancel it (`details.jobId`)<br>`INVALID_VM_STATE`: The VM's power state does not allow the command (`details`: state, allowed) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    VmsController_save: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Under `Prefer: wait`: the job ended in time (it may have Failed; see `error`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "kind": "save-vm",
                     *       "status": "Succeeded",
                     *       "progress": 100,
                     *       "attempt": 1,
                     *       "target": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       },
                     *       "steps": [
                     *         {
                     *           "name": "Save the virtual machine state",
                     *           "powershell": "Save-VM -Name \"web01\" -ComputerName \"hv-node-01\"",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         }
                     *       ],
                     *       "error": null,
                     *       "result": null,
                     *       "createdAt": "2026-03-02T10:15:00.020Z",
                     *       "startedAt": "2026-03-02T10:15:00.110Z",
                     *       "finishedAt": "2026-03-02T10:15:02.500Z",
                     *       "requestedBy": "ops-key",
                     *       "version": 4
                     *     }
                     */
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description The job is recorded; `Location` is the job to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1042,
                     *       "resource": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *         "href": "/v1/vms/0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`OPERATION_PENDING`: The resource is busy with another job; wait for it or cancel it (`details.jobId`)<br>`INVALID_VM_STATE`: The VM's power state does not allow the command (`details`: state, allowed) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    VmsController_pause: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Under `Prefer: wait`: the job ended in time (it may have Failed; see `error`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "kind": "pause-vm",
                     *       "status": "Succeeded",
                     *       "progress": 100,
                     *       "attempt": 1,
                     *       "target": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       },
                     *       "steps": [
                     *         {
                     *           "name": "Pause the virtual machine",
                     *           "powershell": "Suspend-VM -Name \"web01\" -ComputerName \"hv-node-01\"",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         }
                     *       ],
                     *       "error": null,
                     *       "result": null,
                     *       "createdAt": "2026-03-02T10:15:00.020Z",
                     *       "startedAt": "2026-03-02T10:15:00.110Z",
                     *       "finishedAt": "2026-03-02T10:15:02.500Z",
                     *       "requestedBy": "ops-key",
                     *       "version": 4
                     *     }
                     */
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description The job is recorded; `Location` is the job to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1042,
                     *       "resource": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *         "href": "/v1/vms/0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`OPERATION_PENDING`: The resource is busy with another job; wait for it or cancel it (`details.jobId`)<br>`INVALID_VM_STATE`: The VM's power state does not allow the command (`details`: state, allowed) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    VmsController_resume: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Under `Prefer: wait`: the job ended in time (it may have Failed; see `error`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "kind": "resume-vm",
                     *       "status": "Succeeded",
                     *       "progress": 100,
                     *       "attempt": 1,
                     *       "target": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       },
                     *       "steps": [
                     *         {
                     *           "name": "Resume the virtual machine",
                     *           "powershell": "Resume-VM -Name \"web01\" -ComputerName \"hv-node-01\"",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         }
                     *       ],
                     *       "error": null,
                     *       "result": null,
                     *       "createdAt": "2026-03-02T10:15:00.020Z",
                     *       "startedAt": "2026-03-02T10:15:00.110Z",
                     *       "finishedAt": "2026-03-02T10:15:02.500Z",
                     *       "requestedBy": "ops-key",
                     *       "version": 4
                     *     }
                     */
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description The job is recorded; `Location` is the job to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1042,
                     *       "resource": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *         "href": "/v1/vms/0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`OPERATION_PENDING`: The resource is busy with another job; wait for it or cancel it (`details.jobId`)<br>`INVALID_VM_STATE`: The VM's power state does not allow the command (`details`: state, allowed) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    VmsController_migrate: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MigrateVmDto"];
            };
        };
        responses: {
            /** @description Under `Prefer: wait`: the job ended in time (it may have Failed; see `error`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "kind": "migrate-vm",
                     *       "status": "Succeeded",
                     *       "progress": 100,
                     *       "attempt": 1,
                     *       "target": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       },
                     *       "steps": [
                     *         {
                     *           "name": "Move web01 from hv-node-01 to hv-node-02 (live migration)",
                     *           "powershell": "Move-ClusterVirtualMachineRole -Cluster \"hv-cluster\" -Name \"web01\" -Node \"hv-node-02\" -MigrationType Live",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         }
                     *       ],
                     *       "error": null,
                     *       "result": null,
                     *       "createdAt": "2026-03-02T10:15:00.020Z",
                     *       "startedAt": "2026-03-02T10:15:00.110Z",
                     *       "finishedAt": "2026-03-02T10:15:02.500Z",
                     *       "requestedBy": "ops-key",
                     *       "version": 4
                     *     }
                     */
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description The job is recorded; `Location` is the job to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1042,
                     *       "resource": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *         "href": "/v1/vms/0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`OPERATION_PENDING`: The resource is busy with another job; wait for it or cancel it (`details.jobId`)<br>`INVALID_VM_STATE`: The VM's power state does not allow the command (`details`: state, allowed)<br>`MIGRATION_SAME_HOST`: The virtual machine is on that host already<br>`MIGRATION_ACROSS_CLUSTERS`: Moves stay in one cluster (or between standalone hosts)<br>`HOST_NOT_AVAILABLE`: The host or node is not Up (or is paused, isolated, down or quarantined)<br>`CONFIG_VERSION_UNSUPPORTED`: The host, a node of the cluster or the replica host cannot run this configuration version<br>`CPU_VENDOR_MISMATCH`: No live move between hosts of different CPU vendors<br>`INSUFFICIENT_HOST_MEMORY`: The host has not enough free memory */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    VmConfigurationController_bulkIntegrationService: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BulkIntegrationServiceDto"];
            };
        };
        responses: {
            /** @description One job per matching VM; the refused ones with their code */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "summary": {
                     *         "matched": 2,
                     *         "accepted": 1,
                     *         "refusedCount": 1
                     *       },
                     *       "jobs": [
                     *         {
                     *           "vmId": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *           "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d"
                     *         }
                     *       ],
                     *       "refused": [
                     *         {
                     *           "vmId": "1e2d3c4b-5a69-4788-9766-554433221100",
                     *           "code": "OPERATION_PENDING",
                     *           "detail": "The virtual machine is busy with start-vm (job 2f0e…); wait for it or cancel it"
                     *         }
                     *       ],
                     *       "position": 1044
                     *     }
                     */
                    "application/json": components["schemas"]["BulkAcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`BULK_LIMIT_EXCEEDED`: More than 1,000 virtual machines match the filter */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    VmConfigurationController_upgradeVersion: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Already at the target version: nothing done (or, under `Prefer: wait`, the finished job) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "warning": "The virtual machine is already at configuration version 8.0",
                     *       "configVersion": "8.0",
                     *       "position": 1040
                     *     }
                     */
                    "application/json": components["schemas"]["VersionNotNeededDto"];
                };
            };
            /** @description The job is recorded; `Location` is the job to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1042,
                     *       "resource": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *         "href": "/v1/vms/0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`OPERATION_PENDING`: The resource is busy with another job; wait for it or cancel it (`details.jobId`)<br>`INVALID_VM_STATE`: The VM's power state does not allow the command (`details`: state, allowed)<br>`CLUSTER_IN_MIXED_MODE`: The nodes run different OS: no version above the functional level, no version updates, disks only with force<br>`FUNCTIONAL_LEVEL_TOO_LOW`: Every node runs a newer OS but the functional level was not raised yet<br>`CONFIG_VERSION_UNSUPPORTED`: The host, a node of the cluster or the replica host cannot run this configuration version */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    VmConfigurationController_setFirmware: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FirmwareDto"];
            };
        };
        responses: {
            /** @description Under `Prefer: wait`: the job ended in time (it may have Failed; see `error`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "kind": "set-vm-firmware",
                     *       "status": "Succeeded",
                     *       "progress": 100,
                     *       "attempt": 1,
                     *       "target": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       },
                     *       "steps": [
                     *         {
                     *           "name": "Turn Secure Boot on with the MicrosoftUEFICertificateAuthority template",
                     *           "powershell": "Set-VMFirmware -VMName \"web01\" -EnableSecureBoot On -SecureBootTemplate \"MicrosoftUEFICertificateAuthority\" -ComputerName \"hv-node-01\"",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         }
                     *       ],
                     *       "error": null,
                     *       "result": null,
                     *       "createdAt": "2026-03-02T10:15:00.020Z",
                     *       "startedAt": "2026-03-02T10:15:00.110Z",
                     *       "finishedAt": "2026-03-02T10:15:02.500Z",
                     *       "requestedBy": "ops-key",
                     *       "version": 4
                     *     }
                     */
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description The job is recorded; `Location` is the job to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1042,
                     *       "resource": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *         "href": "/v1/vms/0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`OPERATION_PENDING`: The resource is busy with another job; wait for it or cancel it (`details.jobId`)<br>`INVALID_VM_STATE`: The VM's power state does not allow the command (`details`: state, allowed)<br>`GENERATION_2_REQUIRED`: The feature needs a Generation 2 virtual machine<br>`FEATURE_REQUIRES_NEWER_VERSION`: The VM's configuration version is too old for the feature (`details`: feature, configVersion, requiredVersion)<br>`SECURE_BOOT_TEMPLATE_MISMATCH`: A Linux guest cannot start with Secure Boot and the MicrosoftWindows template */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    VmConfigurationController_setMemory: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetMemoryDto"];
            };
        };
        responses: {
            /** @description Under `Prefer: wait`: the job ended in time (it may have Failed; see `error`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "kind": "set-vm-memory",
                     *       "status": "Succeeded",
                     *       "progress": 100,
                     *       "attempt": 1,
                     *       "target": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       },
                     *       "steps": [
                     *         {
                     *           "name": "Use 4096 MB of static memory",
                     *           "powershell": "Set-VMMemory -VMName \"web01\" -DynamicMemoryEnabled $false -StartupBytes 4096MB -ComputerName \"hv-node-01\"",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         }
                     *       ],
                     *       "error": null,
                     *       "result": null,
                     *       "createdAt": "2026-03-02T10:15:00.020Z",
                     *       "startedAt": "2026-03-02T10:15:00.110Z",
                     *       "finishedAt": "2026-03-02T10:15:02.500Z",
                     *       "requestedBy": "ops-key",
                     *       "version": 4
                     *     }
                     */
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description The job is recorded; `Location` is the job to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1042,
                     *       "resource": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *         "href": "/v1/vms/0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`OPERATION_PENDING`: The resource is busy with another job; wait for it or cancel it (`details.jobId`)<br>`INVALID_VM_STATE`: The VM's power state does not allow the command (`details`: state, allowed)<br>`INVALID_MEMORY_SETTINGS`: The memory shape is wrong (minimum 32 MB, buffer 5–2000 %, minimum ≤ startup ≤ maximum)<br>`MEMORY_BELOW_DEMAND`: A running VM's memory cannot go below what the guest uses<br>`RUNTIME_MEMORY_CHANGE_REFUSED`: A running VM's dynamic range may only widen; static ↔ dynamic only while Off<br>`INSUFFICIENT_HOST_MEMORY`: The host has not enough free memory<br>`FEATURE_REQUIRES_NEWER_VERSION`: The VM's configuration version is too old for the feature (`details`: feature, configVersion, requiredVersion) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    VmConfigurationController_setProcessor: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetProcessorDto"];
            };
        };
        responses: {
            /** @description Under `Prefer: wait`: the job ended in time (it may have Failed; see `error`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "kind": "set-vm-processor",
                     *       "status": "Succeeded",
                     *       "progress": 100,
                     *       "attempt": 1,
                     *       "target": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       },
                     *       "steps": [
                     *         {
                     *           "name": "Use 4 virtual processors, compatibility for migration on, nested virtualization off",
                     *           "powershell": "Set-VMProcessor -VMName \"web01\" -Count 4 -CompatibilityForMigrationEnabled $true -ExposeVirtualizationExtensions $false -ComputerName \"hv-node-01\"",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         }
                     *       ],
                     *       "error": null,
                     *       "result": null,
                     *       "createdAt": "2026-03-02T10:15:00.020Z",
                     *       "startedAt": "2026-03-02T10:15:00.110Z",
                     *       "finishedAt": "2026-03-02T10:15:02.500Z",
                     *       "requestedBy": "ops-key",
                     *       "version": 4
                     *     }
                     */
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description The job is recorded; `Location` is the job to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1042,
                     *       "resource": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *         "href": "/v1/vms/0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`OPERATION_PENDING`: The resource is busy with another job; wait for it or cancel it (`details.jobId`)<br>`INVALID_VM_STATE`: The VM's power state does not allow the command (`details`: state, allowed)<br>`FEATURE_REQUIRES_NEWER_VERSION`: The VM's configuration version is too old for the feature (`details`: feature, configVersion, requiredVersion)<br>`HOST_OS_TOO_OLD`: The host's OS lacks the feature (`details`: feature, host, osVersion, minimumOsVersion)<br>`PROCESSOR_COUNT_EXCEEDS_HOST`: More virtual processors than the host has logical processors */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    VmConfigurationController_setCheckpointType: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CheckpointTypeDto"];
            };
        };
        responses: {
            /** @description Under `Prefer: wait`: the job ended in time (it may have Failed; see `error`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "kind": "set-checkpoint-type",
                     *       "status": "Succeeded",
                     *       "progress": 100,
                     *       "attempt": 1,
                     *       "target": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       },
                     *       "steps": [
                     *         {
                     *           "name": "Set the checkpoint type to ProductionOnly",
                     *           "powershell": "Set-VM -Name \"web01\" -CheckpointType ProductionOnly -ComputerName \"hv-node-01\"",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         }
                     *       ],
                     *       "error": null,
                     *       "result": null,
                     *       "createdAt": "2026-03-02T10:15:00.020Z",
                     *       "startedAt": "2026-03-02T10:15:00.110Z",
                     *       "finishedAt": "2026-03-02T10:15:02.500Z",
                     *       "requestedBy": "ops-key",
                     *       "version": 4
                     *     }
                     */
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description The job is recorded; `Location` is the job to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1042,
                     *       "resource": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *         "href": "/v1/vms/0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`OPERATION_PENDING`: The resource is busy with another job; wait for it or cancel it (`details.jobId`)<br>`INVALID_VM_STATE`: The VM's power state does not allow the command (`details`: state, allowed)<br>`HOST_OS_TOO_OLD`: The host's OS lacks the feature (`details`: feature, host, osVersion, minimumOsVersion) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    VmConfigurationController_addNetworkAdapter: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NetworkAdapterDto"];
            };
        };
        responses: {
            /** @description Under `Prefer: wait`: the job ended in time (it may have Failed; see `error`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "kind": "add-network-adapter",
                     *       "status": "Succeeded",
                     *       "progress": 100,
                     *       "attempt": 1,
                     *       "target": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       },
                     *       "steps": [
                     *         {
                     *           "name": "Add network adapter Backend on switch Internal",
                     *           "powershell": "Add-VMNetworkAdapter -VMName \"web01\" -Name \"Backend\" -SwitchName \"Internal\" -DeviceNaming On -ComputerName \"hv-node-01\"",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         }
                     *       ],
                     *       "error": null,
                     *       "result": null,
                     *       "createdAt": "2026-03-02T10:15:00.020Z",
                     *       "startedAt": "2026-03-02T10:15:00.110Z",
                     *       "finishedAt": "2026-03-02T10:15:02.500Z",
                     *       "requestedBy": "ops-key",
                     *       "version": 4
                     *     }
                     */
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description The job is recorded; `Location` is the job to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1042,
                     *       "resource": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *         "href": "/v1/vms/0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`OPERATION_PENDING`: The resource is busy with another job; wait for it or cancel it (`details.jobId`)<br>`INVALID_VM_STATE`: The VM's power state does not allow the command (`details`: state, allowed)<br>`FEATURE_REQUIRES_NEWER_VERSION`: The VM's configuration version is too old for the feature (`details`: feature, configVersion, requiredVersion)<br>`DUPLICATE_ADAPTER_NAME`: Network adapter names are unique per VM (case-insensitive)<br>`ADAPTER_LIMIT`: A virtual machine has at most 8 network adapters */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    VmConfigurationController_removeNetworkAdapter: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path: {
                id: string;
                adapterId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Under `Prefer: wait`: the job ended in time (it may have Failed; see `error`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "kind": "remove-network-adapter",
                     *       "status": "Succeeded",
                     *       "progress": 100,
                     *       "attempt": 1,
                     *       "target": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       },
                     *       "steps": [
                     *         {
                     *           "name": "Remove network adapter Backend",
                     *           "powershell": "Get-VMNetworkAdapter -VMName \"web01\" -ComputerName \"hv-node-01\" | Where-Object Name -eq \"Backend\" | Remove-VMNetworkAdapter",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         }
                     *       ],
                     *       "error": null,
                     *       "result": null,
                     *       "createdAt": "2026-03-02T10:15:00.020Z",
                     *       "startedAt": "2026-03-02T10:15:00.110Z",
                     *       "finishedAt": "2026-03-02T10:15:02.500Z",
                     *       "requestedBy": "ops-key",
                     *       "version": 4
                     *     }
                     */
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description The job is recorded; `Location` is the job to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1042,
                     *       "resource": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *         "href": "/v1/vms/0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`OPERATION_PENDING`: The resource is busy with another job; wait for it or cancel it (`details.jobId`)<br>`INVALID_VM_STATE`: The VM's power state does not allow the command (`details`: state, allowed)<br>`FEATURE_REQUIRES_NEWER_VERSION`: The VM's configuration version is too old for the feature (`details`: feature, configVersion, requiredVersion) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    VmConfigurationController_addDisk: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AddDiskDto"];
            };
        };
        responses: {
            /** @description Under `Prefer: wait`: the job ended in time (it may have Failed; see `error`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "kind": "add-vm-disk",
                     *       "status": "Succeeded",
                     *       "progress": 100,
                     *       "attempt": 1,
                     *       "target": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       },
                     *       "steps": [
                     *         {
                     *           "name": "Create the 100 GB virtual hard disk data",
                     *           "powershell": "New-VHD -Path (Join-Path (Get-VMHost -ComputerName \"hv-node-01\").VirtualHardDiskPath \"web01-data.vhdx\") -SizeBytes 100GB -Dynamic -ComputerName \"hv-node-01\"",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         },
                     *         {
                     *           "name": "Attach the virtual hard disk data",
                     *           "powershell": "Add-VMHardDiskDrive -VMName \"web01\" -Path (Join-Path (Get-VMHost -ComputerName \"hv-node-01\").VirtualHardDiskPath \"web01-data.vhdx\") -ComputerName \"hv-node-01\"",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         }
                     *       ],
                     *       "error": null,
                     *       "result": null,
                     *       "createdAt": "2026-03-02T10:15:00.020Z",
                     *       "startedAt": "2026-03-02T10:15:00.110Z",
                     *       "finishedAt": "2026-03-02T10:15:02.500Z",
                     *       "requestedBy": "ops-key",
                     *       "version": 4
                     *     }
                     */
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description The job is recorded; `Location` is the job to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1042,
                     *       "resource": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *         "href": "/v1/vms/0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`OPERATION_PENDING`: The resource is busy with another job; wait for it or cancel it (`details.jobId`)<br>`INVALID_VM_STATE`: The VM's power state does not allow the command (`details`: state, allowed)<br>`DUPLICATE_DISK_NAME`: Disk names are unique per VM<br>`DISK_LIMIT`: A virtual machine has at most 64 disks<br>`CLUSTER_IN_MIXED_MODE`: The nodes run different OS: no version above the functional level, no version updates, disks only with force */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    VmConfigurationController_resizeDisk: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path: {
                id: string;
                diskId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResizeDiskDto"];
            };
        };
        responses: {
            /** @description Under `Prefer: wait`: the job ended in time (it may have Failed; see `error`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "kind": "resize-vm-disk",
                     *       "status": "Succeeded",
                     *       "progress": 100,
                     *       "attempt": 1,
                     *       "target": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       },
                     *       "steps": [
                     *         {
                     *           "name": "Grow the virtual hard disk data to 200 GB",
                     *           "powershell": "Resize-VHD -Path (Join-Path (Get-VMHost -ComputerName \"hv-node-01\").VirtualHardDiskPath \"web01-data.vhdx\") -SizeBytes 200GB -ComputerName \"hv-node-01\"",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         }
                     *       ],
                     *       "error": null,
                     *       "result": null,
                     *       "createdAt": "2026-03-02T10:15:00.020Z",
                     *       "startedAt": "2026-03-02T10:15:00.110Z",
                     *       "finishedAt": "2026-03-02T10:15:02.500Z",
                     *       "requestedBy": "ops-key",
                     *       "version": 4
                     *     }
                     */
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description The job is recorded; `Location` is the job to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1042,
                     *       "resource": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *         "href": "/v1/vms/0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`OPERATION_PENDING`: The resource is busy with another job; wait for it or cancel it (`details.jobId`)<br>`INVALID_VM_STATE`: The VM's power state does not allow the command (`details`: state, allowed)<br>`DISK_CANNOT_SHRINK`: A resize only grows a disk<br>`CLUSTER_IN_MIXED_MODE`: The nodes run different OS: no version above the functional level, no version updates, disks only with force */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    VmConfigurationController_setIntegrationService: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path: {
                id: string;
                service: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IntegrationServiceDto"];
            };
        };
        responses: {
            /** @description Under `Prefer: wait`: the job ended in time (it may have Failed; see `error`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "kind": "set-integration-service",
                     *       "status": "Succeeded",
                     *       "progress": 100,
                     *       "attempt": 1,
                     *       "target": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       },
                     *       "steps": [
                     *         {
                     *           "name": "Disable the Heartbeat integration service",
                     *           "powershell": "Disable-VMIntegrationService -VMName \"web01\" -Name \"Heartbeat\" -ComputerName \"hv-node-01\"",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         }
                     *       ],
                     *       "error": null,
                     *       "result": null,
                     *       "createdAt": "2026-03-02T10:15:00.020Z",
                     *       "startedAt": "2026-03-02T10:15:00.110Z",
                     *       "finishedAt": "2026-03-02T10:15:02.500Z",
                     *       "requestedBy": "ops-key",
                     *       "version": 4
                     *     }
                     */
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description The job is recorded; `Location` is the job to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1042,
                     *       "resource": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *         "href": "/v1/vms/0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`OPERATION_PENDING`: The resource is busy with another job; wait for it or cancel it (`details.jobId`)<br>`INVALID_VM_STATE`: The VM's power state does not allow the command (`details`: state, allowed) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    VmConfigurationController_updateIntegrationServices: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IntegrationServicesUpdateDto"];
            };
        };
        responses: {
            /** @description Under `Prefer: wait`: the job ended in time (it may have Failed; see `error`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "kind": "update-integration-services",
                     *       "status": "Succeeded",
                     *       "progress": 100,
                     *       "attempt": 1,
                     *       "target": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       },
                     *       "steps": [
                     *         {
                     *           "name": "Record integration services 10.0.14393.0 from the guest update channel",
                     *           "powershell": "Get-VMIntegrationService -VMName \"web01\" -ComputerName \"hv-node-01\"",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         }
                     *       ],
                     *       "error": null,
                     *       "result": null,
                     *       "createdAt": "2026-03-02T10:15:00.020Z",
                     *       "startedAt": "2026-03-02T10:15:00.110Z",
                     *       "finishedAt": "2026-03-02T10:15:02.500Z",
                     *       "requestedBy": "ops-key",
                     *       "version": 4
                     *     }
                     */
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description The job is recorded; `Location` is the job to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1042,
                     *       "resource": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *         "href": "/v1/vms/0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`OPERATION_PENDING`: The resource is busy with another job; wait for it or cancel it (`details.jobId`)<br>`INVALID_VM_STATE`: The VM's power state does not allow the command (`details`: state, allowed) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    VmConfigurationController_checkpoints: {
        parameters: {
            query?: {
                /** @description Read-your-writes: the `position` a write answered with; the read waits (up to 5 s) until the read models have it, else `503 READ_MODEL_BEHIND` */
                minPosition?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "vmId": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *       "currentCheckpointId": "d4c3b2a1-0f9e-4d8c-b7a6-958473625140",
                     *       "count": 1,
                     *       "checkpoints": [
                     *         {
                     *           "id": "d4c3b2a1-0f9e-4d8c-b7a6-958473625140",
                     *           "name": "before-patch",
                     *           "parentId": null,
                     *           "kind": "Production",
                     *           "includesState": false,
                     *           "createdAt": "2026-03-02T10:20:00.000Z",
                     *           "isCurrent": true,
                     *           "children": []
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["CheckpointTreeDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key<br>`READ_MODEL_BEHIND`: The read models did not reach minPosition in time; retry after Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    VmConfigurationController_createCheckpoint: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateCheckpointDto"];
            };
        };
        responses: {
            /** @description Under `Prefer: wait`: the job ended in time (it may have Failed; see `error`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "kind": "create-checkpoint",
                     *       "status": "Succeeded",
                     *       "progress": 100,
                     *       "attempt": 1,
                     *       "target": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       },
                     *       "steps": [
                     *         {
                     *           "name": "Create the production checkpoint before-patch",
                     *           "powershell": "Checkpoint-VM -Name \"web01\" -SnapshotName \"before-patch\" -ComputerName \"hv-node-01\"",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         }
                     *       ],
                     *       "error": null,
                     *       "result": null,
                     *       "createdAt": "2026-03-02T10:15:00.020Z",
                     *       "startedAt": "2026-03-02T10:15:00.110Z",
                     *       "finishedAt": "2026-03-02T10:15:02.500Z",
                     *       "requestedBy": "ops-key",
                     *       "version": 4
                     *     }
                     */
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description The job is recorded; `Location` is the job to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1042,
                     *       "resource": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *         "href": "/v1/vms/0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`OPERATION_PENDING`: The resource is busy with another job; wait for it or cancel it (`details.jobId`)<br>`INVALID_VM_STATE`: The VM's power state does not allow the command (`details`: state, allowed)<br>`CHECKPOINTS_DISABLED`: The VM's checkpoint type is Disabled<br>`CHECKPOINT_LIMIT`: A virtual machine has at most 50 checkpoints<br>`CHECKPOINT_NAME_INVALID`: A checkpoint name has 1–100 characters<br>`PRODUCTION_CHECKPOINT_FAILED`: The checkpoint type is ProductionOnly and the guest cannot take one */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    VmConfigurationController_applyCheckpoint: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path: {
                id: string;
                checkpointId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Under `Prefer: wait`: the job ended in time (it may have Failed; see `error`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "kind": "apply-checkpoint",
                     *       "status": "Succeeded",
                     *       "progress": 100,
                     *       "attempt": 1,
                     *       "target": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       },
                     *       "steps": [
                     *         {
                     *           "name": "Apply checkpoint before-patch (the VM ends Off)",
                     *           "powershell": "Get-VMCheckpoint -VMName \"web01\" -ComputerName \"hv-node-01\" | Where-Object Name -eq \"before-patch\" | Restore-VMCheckpoint -Confirm:$false",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         }
                     *       ],
                     *       "error": null,
                     *       "result": null,
                     *       "createdAt": "2026-03-02T10:15:00.020Z",
                     *       "startedAt": "2026-03-02T10:15:00.110Z",
                     *       "finishedAt": "2026-03-02T10:15:02.500Z",
                     *       "requestedBy": "ops-key",
                     *       "version": 4
                     *     }
                     */
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description The job is recorded; `Location` is the job to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1042,
                     *       "resource": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *         "href": "/v1/vms/0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`OPERATION_PENDING`: The resource is busy with another job; wait for it or cancel it (`details.jobId`)<br>`INVALID_VM_STATE`: The VM's power state does not allow the command (`details`: state, allowed) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    VmConfigurationController_deleteCheckpoint: {
        parameters: {
            query?: {
                /** @description Also delete every checkpoint below it */
                subtree?: boolean;
            };
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path: {
                id: string;
                checkpointId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Under `Prefer: wait`: the job ended in time (it may have Failed; see `error`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "kind": "delete-checkpoint",
                     *       "status": "Succeeded",
                     *       "progress": 100,
                     *       "attempt": 1,
                     *       "target": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       },
                     *       "steps": [
                     *         {
                     *           "name": "Delete checkpoint before-patch, merging it into its parent",
                     *           "powershell": "Get-VMCheckpoint -VMName \"web01\" -ComputerName \"hv-node-01\" | Where-Object Name -eq \"before-patch\" | Remove-VMCheckpoint",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         }
                     *       ],
                     *       "error": null,
                     *       "result": null,
                     *       "createdAt": "2026-03-02T10:15:00.020Z",
                     *       "startedAt": "2026-03-02T10:15:00.110Z",
                     *       "finishedAt": "2026-03-02T10:15:02.500Z",
                     *       "requestedBy": "ops-key",
                     *       "version": 4
                     *     }
                     */
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description The job is recorded; `Location` is the job to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1042,
                     *       "resource": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *         "href": "/v1/vms/0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`OPERATION_PENDING`: The resource is busy with another job; wait for it or cancel it (`details.jobId`)<br>`INVALID_VM_STATE`: The VM's power state does not allow the command (`details`: state, allowed) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    EventsController_list: {
        parameters: {
            query?: {
                /** @description Only this stream, e.g. `vm-<id>` */
                streamId?: string;
                /** @description Only events of this type; several types comma-separated */
                type?: string;
                /** @description Only events caused by this actor (an API key name, or `system:<component>`) */
                actor?: string;
                /** @description Only events of this correlation (the X-Request-Id of the request that began it) */
                correlationId?: string;
                /** @description Only events recorded at or after this instant */
                from?: string;
                /** @description Only events recorded at or before this instant */
                to?: string;
                /** @description Continue after the event at this globalPosition (an event's globalPosition, or an SSE id); 0 starts at the beginning */
                after?: number;
                limit?: number;
                /** @description A page's `nextCursor`: continue after that page. Wins over `after`, so a client repeats the first page's query and adds it */
                cursor?: string;
                /** @description Read-your-writes: the `position` a write answered with; the read waits (up to 5 s) until the read models have it, else `503 READ_MODEL_BEHIND` */
                minPosition?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "eventId": "5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716",
                     *           "type": "VmStarted",
                     *           "streamId": "vm-0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *           "streamVersion": 6,
                     *           "globalPosition": 1045,
                     *           "recordedAt": "2026-03-02T10:15:02.500Z",
                     *           "schemaVersion": 1,
                     *           "data": {
                     *             "vmId": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *             "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *             "hostId": "5d2a7a43-1b9e-4f3c-8f56-0c4e2e9a7b10",
                     *             "at": "2026-03-02T10:15:02.480Z"
                     *           },
                     *           "metadata": {
                     *             "actor": "ops-key",
                     *             "role": "vm-operator",
                     *             "correlationId": "0f1e2d3c-4b5a-4697-8877-665544332211",
                     *             "causationId": null,
                     *             "requestId": "0f1e2d3c-4b5a-4697-8877-665544332211",
                     *             "idempotencyKey": null
                     *           }
                     *         }
                     *       ],
                     *       "nextCursor": "1045"
                     *     }
                     */
                    "application/json": components["schemas"]["AuditEventPageDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After<br>`TOO_MANY_CONCURRENT_QUERIES`: The key has EXPENSIVE_QUERIES_PER_KEY audit or time-travel queries running already */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key<br>`READ_MODEL_BEHIND`: The read models did not reach minPosition in time; retry after Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    EventsController_stream: {
        parameters: {
            query?: {
                /** @description Only this stream, e.g. `vm-<id>` */
                streamId?: string;
                /** @description Only events of this type; several types comma-separated */
                type?: string;
                /** @description Only events caused by this actor (an API key name, or `system:<component>`) */
                actor?: string;
                /** @description Only events of this correlation (the X-Request-Id of the request that began it) */
                correlationId?: string;
                /** @description Only events recorded at or after this instant */
                from?: string;
                /** @description Only events recorded at or before this instant */
                to?: string;
                /** @description Continue after the event at this globalPosition (an event's globalPosition, or an SSE id); 0 starts at the beginning */
                after?: number;
                /** @description Read-your-writes: the `position` a write answered with; the read waits (up to 5 s) until the read models have it, else `503 READ_MODEL_BEHIND` */
                minPosition?: number;
            };
            header?: {
                /** @description Resume after this event id (a globalPosition); wins over ?after= */
                "Last-Event-ID"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An endless stream of events */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example id: 1045
                     *     event: VmStarted
                     *     data: {"eventId":"5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716","type":"VmStarted","streamId":"vm-0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11","streamVersion":6,"globalPosition":1045,"recordedAt":"2026-03-02T10:15:02.500Z","schemaVersion":1,"data":{"vmId":"0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11","jobId":"3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d","hostId":"5d2a7a43-1b9e-4f3c-8f56-0c4e2e9a7b10","at":"2026-03-02T10:15:02.480Z"},"metadata":{"actor":"ops-key","role":"vm-operator","correlationId":"0f1e2d3c-4b5a-4697-8877-665544332211","causationId":null,"requestId":"0f1e2d3c-4b5a-4697-8877-665544332211","idempotencyKey":null}}
                     */
                    "text/event-stream": string;
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After<br>`TOO_MANY_STREAMS`: The key has EVENT_STREAMS_PER_KEY event streams open already */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key<br>`READ_MODEL_BEHIND`: The read models did not reach minPosition in time; retry after Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    HistoryController_history: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Continue after the event at this globalPosition of the resource's history */
                after?: number;
                /** @description A page's `nextCursor`: continue after that page. Wins over `after`, so a client repeats the first page's query and adds it */
                cursor?: string;
                /** @description Read-your-writes: the `position` a write answered with; the read waits (up to 5 s) until the read models have it, else `503 READ_MODEL_BEHIND` */
                minPosition?: number;
            };
            header?: never;
            path: {
                /** @description hosts (auditor, fabric-admin) or vms (auditor, fabric-admin, vm-operator for its tenants); other kinds as they are registered */
                kind: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "eventId": "5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716",
                     *           "type": "VmStarted",
                     *           "streamId": "vm-0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *           "streamVersion": 6,
                     *           "globalPosition": 1045,
                     *           "recordedAt": "2026-03-02T10:15:02.500Z",
                     *           "schemaVersion": 1,
                     *           "data": {
                     *             "vmId": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *             "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *             "hostId": "5d2a7a43-1b9e-4f3c-8f56-0c4e2e9a7b10",
                     *             "at": "2026-03-02T10:15:02.480Z"
                     *           },
                     *           "metadata": {
                     *             "actor": "ops-key",
                     *             "role": "vm-operator",
                     *             "correlationId": "0f1e2d3c-4b5a-4697-8877-665544332211",
                     *             "causationId": null,
                     *             "requestId": "0f1e2d3c-4b5a-4697-8877-665544332211",
                     *             "idempotencyKey": null
                     *           }
                     *         }
                     *       ],
                     *       "nextCursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["AuditEventPageDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After<br>`TOO_MANY_CONCURRENT_QUERIES`: The key has EXPENSIVE_QUERIES_PER_KEY audit or time-travel queries running already */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key<br>`READ_MODEL_BEHIND`: The read models did not reach minPosition in time; retry after Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    ClustersController_list: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Opaque cursor from the previous page */
                cursor?: string;
                name?: string;
                /** @description Read-your-writes: the `position` a write answered with; the read waits (up to 5 s) until the read models have it, else `503 READ_MODEL_BEHIND` */
                minPosition?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "9e8d7c6b-5a49-4382-9170-a1b2c3d4e5f6",
                     *           "name": "hv-cluster",
                     *           "status": "Active",
                     *           "functionalLevel": 9,
                     *           "mixedMode": false,
                     *           "mixedModeSince": null,
                     *           "warnings": [],
                     *           "nodes": [
                     *             {
                     *               "hostId": "5d2a7a43-1b9e-4f3c-8f56-0c4e2e9a7b10",
                     *               "name": "hv-node-01",
                     *               "osVersion": "WS2016",
                     *               "state": "Up",
                     *               "cpuVendor": "Intel",
                     *               "memoryMb": 262144,
                     *               "memoryUsedMb": 49152,
                     *               "logicalProcessors": 32,
                     *               "vmCount": 12,
                     *               "maximumLiveMigrations": 2,
                     *               "runningLiveMigrations": 0,
                     *               "recentFailures": [],
                     *               "quarantinedUntil": null,
                     *               "isolatedSince": null
                     *             }
                     *           ],
                     *           "resiliency": {
                     *             "resiliencyLevel": "AlwaysIsolate",
                     *             "resiliencyPeriodSeconds": 240,
                     *             "quarantineThreshold": 3,
                     *             "quarantineDurationSeconds": 7200
                     *           },
                     *           "vmResiliencyPeriods": {},
                     *           "capacity": {
                     *             "memoryMb": 262144,
                     *             "memoryFreeMb": 212992,
                     *             "memoryUsedMb": 49152,
                     *             "logicalProcessors": 32,
                     *             "availableLogicalProcessors": 32,
                     *             "vmCount": 12,
                     *             "vmsByState": {
                     *               "Running": 10,
                     *               "Off": 2
                     *             },
                     *             "nodesUp": 1
                     *           },
                     *           "pendingJobIds": [],
                     *           "createdAt": "2026-03-01T08:30:00.000Z",
                     *           "version": 5
                     *         }
                     *       ],
                     *       "nextCursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["ClusterPageDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key<br>`READ_MODEL_BEHIND`: The read models did not reach minPosition in time; retry after Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    ClustersController_create: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateClusterDto"];
            };
        };
        responses: {
            /** @description Under `Prefer: wait`: the job ended in time (it may have Failed; see `error`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "kind": "create-cluster",
                     *       "status": "Succeeded",
                     *       "progress": 100,
                     *       "attempt": 1,
                     *       "target": {
                     *         "type": "cluster",
                     *         "id": "9e8d7c6b-5a49-4382-9170-a1b2c3d4e5f6"
                     *       },
                     *       "steps": [
                     *         {
                     *           "name": "Create cluster hv-cluster from hv-node-01, hv-node-02",
                     *           "powershell": "New-Cluster -Name \"hv-cluster\" -Node \"hv-node-01\",\"hv-node-02\" -NoStorage",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         }
                     *       ],
                     *       "error": null,
                     *       "result": null,
                     *       "createdAt": "2026-03-02T10:15:00.020Z",
                     *       "startedAt": "2026-03-02T10:15:00.110Z",
                     *       "finishedAt": "2026-03-02T10:15:02.500Z",
                     *       "requestedBy": "ops-key",
                     *       "version": 4
                     *     }
                     */
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description The job is recorded; `Location` is the job to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1042,
                     *       "resource": {
                     *         "type": "cluster",
                     *         "id": "9e8d7c6b-5a49-4382-9170-a1b2c3d4e5f6",
                     *         "href": "/v1/clusters/9e8d7c6b-5a49-4382-9170-a1b2c3d4e5f6"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`CLUSTER_ALREADY_EXISTS`: The cluster exists already<br>`CLUSTER_OS_MISMATCH`: A cluster is created from hosts of one OS<br>`CLUSTER_NODE_LIMIT`: A cluster has at most 64 nodes<br>`HOST_ALREADY_CLUSTERED`: The host is a node of a cluster already<br>`HOST_NOT_AVAILABLE`: The host or node is not Up (or is paused, isolated, down or quarantined)<br>`SLAT_REQUIRED`: A host without SLAT cannot run Windows Server 2016 or later Hyper-V */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    ClustersController_get: {
        parameters: {
            query?: {
                /** @description Time travel: the state from the events recorded at or before this instant */
                asOf?: string;
                /** @description Time travel: the state from the events at or before this global position (not with asOf) */
                atPosition?: number;
                /** @description Read-your-writes: the `position` a write answered with; the read waits (up to 5 s) until the read models have it, else `503 READ_MODEL_BEHIND` */
                minPosition?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Found; `ETag` carries the version to send as `If-Match` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "9e8d7c6b-5a49-4382-9170-a1b2c3d4e5f6",
                     *       "name": "hv-cluster",
                     *       "status": "Active",
                     *       "functionalLevel": 9,
                     *       "mixedMode": false,
                     *       "mixedModeSince": null,
                     *       "warnings": [],
                     *       "nodes": [
                     *         {
                     *           "hostId": "5d2a7a43-1b9e-4f3c-8f56-0c4e2e9a7b10",
                     *           "name": "hv-node-01",
                     *           "osVersion": "WS2016",
                     *           "state": "Up",
                     *           "cpuVendor": "Intel",
                     *           "memoryMb": 262144,
                     *           "memoryUsedMb": 49152,
                     *           "logicalProcessors": 32,
                     *           "vmCount": 12,
                     *           "maximumLiveMigrations": 2,
                     *           "runningLiveMigrations": 0,
                     *           "recentFailures": [],
                     *           "quarantinedUntil": null,
                     *           "isolatedSince": null
                     *         }
                     *       ],
                     *       "resiliency": {
                     *         "resiliencyLevel": "AlwaysIsolate",
                     *         "resiliencyPeriodSeconds": 240,
                     *         "quarantineThreshold": 3,
                     *         "quarantineDurationSeconds": 7200
                     *       },
                     *       "vmResiliencyPeriods": {},
                     *       "capacity": {
                     *         "memoryMb": 262144,
                     *         "memoryFreeMb": 212992,
                     *         "memoryUsedMb": 49152,
                     *         "logicalProcessors": 32,
                     *         "availableLogicalProcessors": 32,
                     *         "vmCount": 12,
                     *         "vmsByState": {
                     *           "Running": 10,
                     *           "Off": 2
                     *         },
                     *         "nodesUp": 1
                     *       },
                     *       "pendingJobIds": [],
                     *       "createdAt": "2026-03-01T08:30:00.000Z",
                     *       "version": 5
                     *     }
                     */
                    "application/json": components["schemas"]["ClusterDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After<br>`TOO_MANY_CONCURRENT_QUERIES`: The key has EXPENSIVE_QUERIES_PER_KEY audit or time-travel queries running already */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key<br>`READ_MODEL_BEHIND`: The read models did not reach minPosition in time; retry after Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    ClustersController_addNode: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AddNodeDto"];
            };
        };
        responses: {
            /** @description Under `Prefer: wait`: the job ended in time (it may have Failed; see `error`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "kind": "add-cluster-node",
                     *       "status": "Succeeded",
                     *       "progress": 100,
                     *       "attempt": 1,
                     *       "target": {
                     *         "type": "cluster",
                     *         "id": "9e8d7c6b-5a49-4382-9170-a1b2c3d4e5f6"
                     *       },
                     *       "steps": [
                     *         {
                     *           "name": "Add node hv-node-02 to cluster hv-cluster",
                     *           "powershell": "Add-ClusterNode -Cluster \"hv-cluster\" -Name \"hv-node-02\"",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         }
                     *       ],
                     *       "error": null,
                     *       "result": null,
                     *       "createdAt": "2026-03-02T10:15:00.020Z",
                     *       "startedAt": "2026-03-02T10:15:00.110Z",
                     *       "finishedAt": "2026-03-02T10:15:02.500Z",
                     *       "requestedBy": "ops-key",
                     *       "version": 4
                     *     }
                     */
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description The job is recorded; `Location` is the job to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1042,
                     *       "resource": {
                     *         "type": "cluster",
                     *         "id": "9e8d7c6b-5a49-4382-9170-a1b2c3d4e5f6",
                     *         "href": "/v1/clusters/9e8d7c6b-5a49-4382-9170-a1b2c3d4e5f6"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`OPERATION_PENDING`: The resource is busy with another job; wait for it or cancel it (`details.jobId`)<br>`INVALID_CLUSTER_STATE`: The cluster is not Active yet<br>`HOST_ALREADY_CLUSTERED`: The host is a node of a cluster already<br>`HOST_NOT_AVAILABLE`: The host or node is not Up (or is paused, isolated, down or quarantined)<br>`SLAT_REQUIRED`: A host without SLAT cannot run Windows Server 2016 or later Hyper-V<br>`NODE_OS_TOO_OLD`: A joining node must run the functional level's OS or one version newer<br>`NODE_OS_TOO_NEW`: A joining node may run at most one OS version above the functional level<br>`CLUSTER_NODE_LIMIT`: A cluster has at most 64 nodes<br>`ROLLING_UPGRADE_RUNNING`: A rolling upgrade runs on this cluster already */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    ClustersController_pause: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path: {
                id: string;
                hostId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PauseNodeDto"];
            };
        };
        responses: {
            /** @description Under `Prefer: wait`: the job ended in time (it may have Failed; see `error`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "kind": "drain-node",
                     *       "status": "Succeeded",
                     *       "progress": 100,
                     *       "attempt": 1,
                     *       "target": {
                     *         "type": "cluster",
                     *         "id": "9e8d7c6b-5a49-4382-9170-a1b2c3d4e5f6"
                     *       },
                     *       "steps": [
                     *         {
                     *           "name": "Pause node hv-node-02 and drain its roles",
                     *           "powershell": "Suspend-ClusterNode -Cluster \"hv-cluster\" -Name \"hv-node-02\" -Drain",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         },
                     *         {
                     *           "name": "Move web01 to hv-node-01 (live migration)",
                     *           "powershell": "Move-ClusterVirtualMachineRole -Cluster \"hv-cluster\" -Name \"web01\" -Node \"hv-node-01\" -MigrationType Live",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         }
                     *       ],
                     *       "error": null,
                     *       "result": null,
                     *       "createdAt": "2026-03-02T10:15:00.020Z",
                     *       "startedAt": "2026-03-02T10:15:00.110Z",
                     *       "finishedAt": "2026-03-02T10:15:02.500Z",
                     *       "requestedBy": "ops-key",
                     *       "version": 4
                     *     }
                     */
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description The job is recorded; `Location` is the job to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1042,
                     *       "resource": {
                     *         "type": "cluster",
                     *         "id": "9e8d7c6b-5a49-4382-9170-a1b2c3d4e5f6",
                     *         "href": "/v1/clusters/9e8d7c6b-5a49-4382-9170-a1b2c3d4e5f6"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`OPERATION_PENDING`: The resource is busy with another job; wait for it or cancel it (`details.jobId`)<br>`INVALID_CLUSTER_STATE`: The cluster is not Active yet<br>`INVALID_NODE_STATE`: The node is not in a state the action allows (`details`: state, allowed)<br>`DRAIN_NOT_POSSIBLE`: A virtual machine of the node fits on no other node<br>`ROLLING_UPGRADE_RUNNING`: A rolling upgrade runs on this cluster already */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    ClustersController_resume: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path: {
                id: string;
                hostId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResumeNodeDto"];
            };
        };
        responses: {
            /** @description Under `Prefer: wait`: the job ended in time (it may have Failed; see `error`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "kind": "resume-node",
                     *       "status": "Succeeded",
                     *       "progress": 100,
                     *       "attempt": 1,
                     *       "target": {
                     *         "type": "cluster",
                     *         "id": "9e8d7c6b-5a49-4382-9170-a1b2c3d4e5f6"
                     *       },
                     *       "steps": [
                     *         {
                     *           "name": "Resume node hv-node-02 and fail its roles back",
                     *           "powershell": "Resume-ClusterNode -Cluster \"hv-cluster\" -Name \"hv-node-02\" -Failback Immediate",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         }
                     *       ],
                     *       "error": null,
                     *       "result": null,
                     *       "createdAt": "2026-03-02T10:15:00.020Z",
                     *       "startedAt": "2026-03-02T10:15:00.110Z",
                     *       "finishedAt": "2026-03-02T10:15:02.500Z",
                     *       "requestedBy": "ops-key",
                     *       "version": 4
                     *     }
                     */
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description The job is recorded; `Location` is the job to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1042,
                     *       "resource": {
                     *         "type": "cluster",
                     *         "id": "9e8d7c6b-5a49-4382-9170-a1b2c3d4e5f6",
                     *         "href": "/v1/clusters/9e8d7c6b-5a49-4382-9170-a1b2c3d4e5f6"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`OPERATION_PENDING`: The resource is busy with another job; wait for it or cancel it (`details.jobId`)<br>`INVALID_CLUSTER_STATE`: The cluster is not Active yet<br>`INVALID_NODE_STATE`: The node is not in a state the action allows (`details`: state, allowed)<br>`ROLLING_UPGRADE_RUNNING`: A rolling upgrade runs on this cluster already */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    ClustersController_evict: {
        parameters: {
            query?: {
                /** @description Evict a Down node whose VMs have failed over (Remove-ClusterNode -Force); a Paused, empty node needs no force */
                force?: boolean;
            };
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path: {
                id: string;
                hostId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Under `Prefer: wait`: the job ended in time (it may have Failed; see `error`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "kind": "evict-node",
                     *       "status": "Succeeded",
                     *       "progress": 100,
                     *       "attempt": 1,
                     *       "target": {
                     *         "type": "cluster",
                     *         "id": "9e8d7c6b-5a49-4382-9170-a1b2c3d4e5f6"
                     *       },
                     *       "steps": [
                     *         {
                     *           "name": "Evict node hv-node-02 from cluster hv-cluster",
                     *           "powershell": "Remove-ClusterNode -Cluster \"hv-cluster\" -Name \"hv-node-02\" -Force",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         }
                     *       ],
                     *       "error": null,
                     *       "result": null,
                     *       "createdAt": "2026-03-02T10:15:00.020Z",
                     *       "startedAt": "2026-03-02T10:15:00.110Z",
                     *       "finishedAt": "2026-03-02T10:15:02.500Z",
                     *       "requestedBy": "ops-key",
                     *       "version": 4
                     *     }
                     */
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description The job is recorded; `Location` is the job to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1042,
                     *       "resource": {
                     *         "type": "cluster",
                     *         "id": "9e8d7c6b-5a49-4382-9170-a1b2c3d4e5f6",
                     *         "href": "/v1/clusters/9e8d7c6b-5a49-4382-9170-a1b2c3d4e5f6"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`OPERATION_PENDING`: The resource is busy with another job; wait for it or cancel it (`details.jobId`)<br>`INVALID_CLUSTER_STATE`: The cluster is not Active yet<br>`INVALID_NODE_STATE`: The node is not in a state the action allows (`details`: state, allowed)<br>`NODE_NOT_DRAINED`: Eviction needs a Paused, empty node, or a Down node with force<br>`ROLLING_UPGRADE_RUNNING`: A rolling upgrade runs on this cluster already */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    ClustersController_clearQuarantine: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path: {
                id: string;
                hostId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Under `Prefer: wait`: the job ended in time (it may have Failed; see `error`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "kind": "clear-node-quarantine",
                     *       "status": "Succeeded",
                     *       "progress": 100,
                     *       "attempt": 1,
                     *       "target": {
                     *         "type": "cluster",
                     *         "id": "9e8d7c6b-5a49-4382-9170-a1b2c3d4e5f6"
                     *       },
                     *       "steps": [
                     *         {
                     *           "name": "Clear the quarantine of node hv-node-02 and start its cluster service",
                     *           "powershell": "Start-ClusterNode -Cluster \"hv-cluster\" -Name \"hv-node-02\" -ClearQuarantine",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         }
                     *       ],
                     *       "error": null,
                     *       "result": null,
                     *       "createdAt": "2026-03-02T10:15:00.020Z",
                     *       "startedAt": "2026-03-02T10:15:00.110Z",
                     *       "finishedAt": "2026-03-02T10:15:02.500Z",
                     *       "requestedBy": "ops-key",
                     *       "version": 4
                     *     }
                     */
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description The job is recorded; `Location` is the job to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1042,
                     *       "resource": {
                     *         "type": "cluster",
                     *         "id": "9e8d7c6b-5a49-4382-9170-a1b2c3d4e5f6",
                     *         "href": "/v1/clusters/9e8d7c6b-5a49-4382-9170-a1b2c3d4e5f6"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`OPERATION_PENDING`: The resource is busy with another job; wait for it or cancel it (`details.jobId`)<br>`INVALID_CLUSTER_STATE`: The cluster is not Active yet<br>`INVALID_NODE_STATE`: The node is not in a state the action allows (`details`: state, allowed) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    ClustersController_raiseFunctionalLevel: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FunctionalLevelDto"];
            };
        };
        responses: {
            /** @description `whatIf`: whether the level can be raised and what blocks it (or, under `Prefer: wait`, the finished job) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "fromLevel": 8,
                     *       "toLevel": 9,
                     *       "canRaise": false,
                     *       "blockers": [
                     *         "node hv-node-01 runs WS2012R2"
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["FunctionalLevelVerdictDto"];
                };
            };
            /** @description The job is recorded; `Location` is the job to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1042,
                     *       "resource": {
                     *         "type": "cluster",
                     *         "id": "9e8d7c6b-5a49-4382-9170-a1b2c3d4e5f6",
                     *         "href": "/v1/clusters/9e8d7c6b-5a49-4382-9170-a1b2c3d4e5f6"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`OPERATION_PENDING`: The resource is busy with another job; wait for it or cancel it (`details.jobId`)<br>`INVALID_CLUSTER_STATE`: The cluster is not Active yet<br>`FUNCTIONAL_LEVEL_BLOCKED`: The functional level cannot be raised (`details.blockers`)<br>`ROLLING_UPGRADE_RUNNING`: A rolling upgrade runs on this cluster already */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    ClustersController_setResiliency: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResiliencyDto"];
            };
        };
        responses: {
            /** @description The settings now in force */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "resiliency": {
                     *         "resiliencyLevel": "AlwaysIsolate",
                     *         "resiliencyPeriodSeconds": 120,
                     *         "quarantineThreshold": 3,
                     *         "quarantineDurationSeconds": 7200
                     *       },
                     *       "version": 6,
                     *       "position": 1060
                     *     }
                     */
                    "application/json": components["schemas"]["ResiliencyWrittenDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    ClustersController_setVmResiliency: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
            };
            path: {
                id: string;
                vmId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VmResiliencyDto"];
            };
        };
        responses: {
            /** @description The period now in force for the VM */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "vmId": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *       "resiliencyPeriodSeconds": 60,
                     *       "version": 7,
                     *       "position": 1061
                     *     }
                     */
                    "application/json": components["schemas"]["VmResiliencyWrittenDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    RollingUpgradesController_start: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StartRollingUpgradeDto"];
            };
        };
        responses: {
            /** @description `dryRun`: the plan; nothing changed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "clusterId": "9e8d7c6b-5a49-4382-9170-a1b2c3d4e5f6",
                     *       "clusterName": "hv-cluster",
                     *       "targetOsVersion": "WS2016",
                     *       "functionalLevel": {
                     *         "current": 8,
                     *         "afterUpgrade": 9,
                     *         "raise": true
                     *       },
                     *       "nodes": [
                     *         {
                     *           "hostId": "5d2a7a43-1b9e-4f3c-8f56-0c4e2e9a7b10",
                     *           "name": "hv-node-01",
                     *           "fromOsVersion": "WS2012R2",
                     *           "state": "Up",
                     *           "runningVms": 1,
                     *           "action": "upgrade",
                     *           "moves": [
                     *             {
                     *               "vmId": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *               "vmName": "web01",
                     *               "fromHostId": "5d2a7a43-1b9e-4f3c-8f56-0c4e2e9a7b10",
                     *               "toHostId": "8c7b6a59-4837-4261-9504-f3e2d1c0b9a8",
                     *               "toHostName": "hv-node-02",
                     *               "migrationType": "Live"
                     *             }
                     *           ],
                     *           "unplaceable": [],
                     *           "estimatedDurationMs": 2700000
                     *         }
                     *       ],
                     *       "capacity": {
                     *         "ok": true,
                     *         "runningVmMemoryMb": 2048,
                     *         "capacityWithoutLargestNodeMb": 262144,
                     *         "detail": "the running VMs fit on the cluster without its largest node"
                     *       },
                     *       "blockers": [],
                     *       "estimatedRealWorldMs": 5400000,
                     *       "estimatedDurationMs": 54000
                     *     }
                     */
                    "application/json": components["schemas"]["UpgradePlanDto"];
                };
            };
            /** @description The upgrade started; `Location` is the rolling upgrade to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d",
                     *       "state": "Running",
                     *       "position": 1070,
                     *       "resource": {
                     *         "type": "rolling-upgrade",
                     *         "id": "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d",
                     *         "href": "/v1/rolling-upgrades/7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["UpgradeAcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`ROLLING_UPGRADE_BLOCKED`: The rolling upgrade cannot start (`details.blockers`)<br>`ROLLING_UPGRADE_RUNNING`: A rolling upgrade runs on this cluster already<br>`OPERATION_PENDING`: The resource is busy with another job; wait for it or cancel it (`details.jobId`)<br>`INVALID_CLUSTER_STATE`: The cluster is not Active yet */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    RollingUpgradesController_list: {
        parameters: {
            query?: {
                limit?: number;
                /** @description Opaque cursor from the previous page */
                cursor?: string;
                clusterId?: string;
                state?: "Running" | "Paused" | "Completed" | "Failed" | "Cancelled";
                /** @description Read-your-writes: the `position` a write answered with; the read waits (up to 5 s) until the read models have it, else `503 READ_MODEL_BEHIND` */
                minPosition?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d",
                     *           "clusterId": "9e8d7c6b-5a49-4382-9170-a1b2c3d4e5f6",
                     *           "state": "Running",
                     *           "targetOsVersion": "WS2016",
                     *           "currentNodeId": "5d2a7a43-1b9e-4f3c-8f56-0c4e2e9a7b10",
                     *           "currentStep": "drain",
                     *           "nodes": [
                     *             {
                     *               "hostId": "5d2a7a43-1b9e-4f3c-8f56-0c4e2e9a7b10",
                     *               "name": "hv-node-01",
                     *               "fromOsVersion": "WS2012R2",
                     *               "state": "InProgress",
                     *               "startedAt": "2026-03-02T11:00:00.000Z",
                     *               "finishedAt": null,
                     *               "durationMs": null,
                     *               "vmsMoved": [],
                     *               "steps": [
                     *                 {
                     *                   "step": "drain",
                     *                   "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *                   "attempt": 1,
                     *                   "status": "Running",
                     *                   "startedAt": "2026-03-02T11:00:00.100Z",
                     *                   "finishedAt": null,
                     *                   "detail": null
                     *                 }
                     *               ]
                     *             }
                     *           ],
                     *           "clusterSteps": [],
                     *           "vmsMoved": 0,
                     *           "raiseFunctionalLevel": true,
                     *           "functionalLevelRaised": false,
                     *           "pauseRequested": false,
                     *           "cancelRequested": false,
                     *           "failure": null,
                     *           "estimatedDurationMs": 5400000,
                     *           "startedAt": "2026-03-02T11:00:00.000Z",
                     *           "finishedAt": null,
                     *           "version": 4
                     *         }
                     *       ],
                     *       "nextCursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["RollingUpgradePageDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key<br>`READ_MODEL_BEHIND`: The read models did not reach minPosition in time; retry after Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    RollingUpgradesController_get: {
        parameters: {
            query?: {
                /** @description Read-your-writes: the `position` a write answered with; the read waits (up to 5 s) until the read models have it, else `503 READ_MODEL_BEHIND` */
                minPosition?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Found; `ETag` carries the version to send as `If-Match` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d",
                     *       "clusterId": "9e8d7c6b-5a49-4382-9170-a1b2c3d4e5f6",
                     *       "state": "Running",
                     *       "targetOsVersion": "WS2016",
                     *       "currentNodeId": "5d2a7a43-1b9e-4f3c-8f56-0c4e2e9a7b10",
                     *       "currentStep": "drain",
                     *       "nodes": [
                     *         {
                     *           "hostId": "5d2a7a43-1b9e-4f3c-8f56-0c4e2e9a7b10",
                     *           "name": "hv-node-01",
                     *           "fromOsVersion": "WS2012R2",
                     *           "state": "InProgress",
                     *           "startedAt": "2026-03-02T11:00:00.000Z",
                     *           "finishedAt": null,
                     *           "durationMs": null,
                     *           "vmsMoved": [],
                     *           "steps": [
                     *             {
                     *               "step": "drain",
                     *               "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *               "attempt": 1,
                     *               "status": "Running",
                     *               "startedAt": "2026-03-02T11:00:00.100Z",
                     *               "finishedAt": null,
                     *               "detail": null
                     *             }
                     *           ]
                     *         }
                     *       ],
                     *       "clusterSteps": [],
                     *       "vmsMoved": 0,
                     *       "raiseFunctionalLevel": true,
                     *       "functionalLevelRaised": false,
                     *       "pauseRequested": false,
                     *       "cancelRequested": false,
                     *       "failure": null,
                     *       "estimatedDurationMs": 5400000,
                     *       "startedAt": "2026-03-02T11:00:00.000Z",
                     *       "finishedAt": null,
                     *       "version": 4
                     *     }
                     */
                    "application/json": components["schemas"]["RollingUpgradeDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key<br>`READ_MODEL_BEHIND`: The read models did not reach minPosition in time; retry after Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    RollingUpgradesController_pause: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Recorded; the upgrade acts on it after the step in progress */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d",
                     *       "events": [
                     *         "RollingUpgradePauseRequested"
                     *       ],
                     *       "position": 1071,
                     *       "resource": {
                     *         "type": "rolling-upgrade",
                     *         "id": "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d",
                     *         "href": "/v1/rolling-upgrades/7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["UpgradeSteeredDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`UPGRADE_FINISHED`: The rolling upgrade has ended */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    RollingUpgradesController_resume: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Recorded; the upgrade acts on it after the step in progress */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d",
                     *       "events": [
                     *         "RollingUpgradeResumed"
                     *       ],
                     *       "position": 1071,
                     *       "resource": {
                     *         "type": "rolling-upgrade",
                     *         "id": "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d",
                     *         "href": "/v1/rolling-upgrades/7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["UpgradeSteeredDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`UPGRADE_FINISHED`: The rolling upgrade has ended<br>`UPGRADE_STEP_FAILED`: The rolling upgrade is stopped on a failed step: retry or skip it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    RollingUpgradesController_cancel: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Recorded; the upgrade acts on it after the step in progress */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d",
                     *       "events": [
                     *         "RollingUpgradeCancelRequested"
                     *       ],
                     *       "position": 1071,
                     *       "resource": {
                     *         "type": "rolling-upgrade",
                     *         "id": "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d",
                     *         "href": "/v1/rolling-upgrades/7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["UpgradeSteeredDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`UPGRADE_FINISHED`: The rolling upgrade has ended */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    RollingUpgradesController_retryStep: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Recorded; the upgrade acts on it after the step in progress */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d",
                     *       "events": [
                     *         "RollingUpgradeStepRetried"
                     *       ],
                     *       "position": 1071,
                     *       "resource": {
                     *         "type": "rolling-upgrade",
                     *         "id": "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d",
                     *         "href": "/v1/rolling-upgrades/7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["UpgradeSteeredDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`UPGRADE_FINISHED`: The rolling upgrade has ended<br>`NO_FAILED_STEP`: The rolling upgrade has no failed step to retry */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    RollingUpgradesController_skipNode: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Recorded; the upgrade acts on it after the step in progress */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d",
                     *       "events": [
                     *         "RollingUpgradeNodeSkipped"
                     *       ],
                     *       "position": 1071,
                     *       "resource": {
                     *         "type": "rolling-upgrade",
                     *         "id": "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d",
                     *         "href": "/v1/rolling-upgrades/7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["UpgradeSteeredDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`UPGRADE_FINISHED`: The rolling upgrade has ended<br>`STEP_IN_PROGRESS`: A step of the rolling upgrade is running; wait for it<br>`NOTHING_TO_SKIP`: No node of the rolling upgrade can be skipped now */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    ReplicationController_get: {
        parameters: {
            query?: {
                /** @description Read-your-writes: the `position` a write answered with; the read waits (up to 5 s) until the read models have it, else `503 READ_MODEL_BEHIND` */
                minPosition?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Found; `ETag` carries the version to send as `If-Match` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "vmId": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *       "state": "Replicating",
                     *       "health": "Normal",
                     *       "healthReason": null,
                     *       "primaryHostId": "5d2a7a43-1b9e-4f3c-8f56-0c4e2e9a7b10",
                     *       "replicaHostId": "e1d2c3b4-a596-4877-8695-a4b3c2d1e0f9",
                     *       "frequencySeconds": 300,
                     *       "additionalRecoveryPoints": 4,
                     *       "applicationConsistent": true,
                     *       "lastReplicatedAt": "2026-03-02T12:05:00.000Z",
                     *       "lastReplicationSizeMb": 42,
                     *       "replicaBroker": null,
                     *       "statistics": {
                     *         "observedAt": "2026-03-02T12:05:30.000Z",
                     *         "averageSizeMb": 40,
                     *         "maximumSizeMb": 61,
                     *         "successfulCycles": 24,
                     *         "failedCycles": 0,
                     *         "missedCycles": 0,
                     *         "consecutiveFailedCycles": 0,
                     *         "failureReason": null
                     *       },
                     *       "recoveryPoints": [
                     *         {
                     *           "id": "f0e1d2c3-b4a5-4697-8879-6a5b4c3d2e1f",
                     *           "seq": 24,
                     *           "at": "2026-03-02T12:05:00.000Z",
                     *           "kind": "ApplicationConsistent"
                     *         }
                     *       ],
                     *       "replicatedDiskIds": [
                     *         "b7c6d5e4-f3a2-4b1c-9d8e-7f6a5b4c3d2e"
                     *       ],
                     *       "nonReplicatedDiskIds": [],
                     *       "testFailover": null,
                     *       "pendingJobId": null,
                     *       "version": 30
                     *     }
                     */
                    "application/json": components["schemas"]["ReplicationDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key<br>`READ_MODEL_BEHIND`: The read models did not reach minPosition in time; retry after Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    ReplicationController_enable: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EnableReplicationDto"];
            };
        };
        responses: {
            /** @description Under `Prefer: wait`: the job ended in time (it may have Failed; see `error`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "kind": "enable-replication",
                     *       "status": "Succeeded",
                     *       "progress": 100,
                     *       "attempt": 1,
                     *       "target": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       },
                     *       "steps": [
                     *         {
                     *           "name": "Enable replication of web01 to hv-dr-01 every 300 s",
                     *           "powershell": "Enable-VMReplication -VMName \"web01\" -ReplicaServerName \"hv-dr-01\" -ReplicaServerPort 80 -AuthenticationType Kerberos -ReplicationFrequencySec 300 -RecoveryHistory 4 -VSSSnapshotFrequencyHour 1 -ComputerName \"hv-node-01\"",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         },
                     *         {
                     *           "name": "Send the initial copy (60 GB) to hv-dr-01",
                     *           "powershell": "Start-VMInitialReplication -VMName \"web01\" -ComputerName \"hv-node-01\"",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         }
                     *       ],
                     *       "error": null,
                     *       "result": null,
                     *       "createdAt": "2026-03-02T10:15:00.020Z",
                     *       "startedAt": "2026-03-02T10:15:00.110Z",
                     *       "finishedAt": "2026-03-02T10:15:02.500Z",
                     *       "requestedBy": "ops-key",
                     *       "version": 4
                     *     }
                     */
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description The job is recorded; `Location` is the job to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1042,
                     *       "resource": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *         "href": "/v1/vms/0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`OPERATION_PENDING`: The resource is busy with another job; wait for it or cancel it (`details.jobId`)<br>`REPLICATION_ALREADY_ENABLED`: The virtual machine replicates already<br>`REPLICA_SAME_HOST`: The replica host must be another host than the primary<br>`CONFIG_VERSION_UNSUPPORTED`: The host, a node of the cluster or the replica host cannot run this configuration version<br>`HOST_NOT_AVAILABLE`: The host or node is not Up (or is paused, isolated, down or quarantined)<br>`NO_SUITABLE_NODE`: No node of the cluster can take the virtual machine */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    ReplicationController_remove: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Under `Prefer: wait`: the job ended in time (it may have Failed; see `error`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "kind": "remove-replication",
                     *       "status": "Succeeded",
                     *       "progress": 100,
                     *       "attempt": 1,
                     *       "target": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       },
                     *       "steps": [
                     *         {
                     *           "name": "Remove replication of web01 to hv-dr-01",
                     *           "powershell": "Remove-VMReplication -VMName \"web01\" -ComputerName \"hv-node-01\" -Confirm:$false",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         }
                     *       ],
                     *       "error": null,
                     *       "result": null,
                     *       "createdAt": "2026-03-02T10:15:00.020Z",
                     *       "startedAt": "2026-03-02T10:15:00.110Z",
                     *       "finishedAt": "2026-03-02T10:15:02.500Z",
                     *       "requestedBy": "ops-key",
                     *       "version": 4
                     *     }
                     */
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description The job is recorded; `Location` is the job to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1042,
                     *       "resource": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *         "href": "/v1/vms/0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`OPERATION_PENDING`: The resource is busy with another job; wait for it or cancel it (`details.jobId`)<br>`INVALID_REPLICATION_STATE`: The replication state does not allow the request (`details`: state, allowed) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    ReplicationController_disks: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReplicatedDisksDto"];
            };
        };
        responses: {
            /** @description Under `Prefer: wait`: the job ended in time (it may have Failed; see `error`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "kind": "set-replicated-disks",
                     *       "status": "Succeeded",
                     *       "progress": 100,
                     *       "attempt": 1,
                     *       "target": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       },
                     *       "steps": [
                     *         {
                     *           "name": "Replicate 1 disk(s) of web01 to hv-dr-01",
                     *           "powershell": "Set-VMReplication -VMName \"web01\" -ReplicatedDisks (Get-VMHardDiskDrive -VMName \"web01\" -ComputerName \"hv-node-01\" | Where-Object Id -in @(\"b7c6d5e4-f3a2-4b1c-9d8e-7f6a5b4c3d2e\")) -ComputerName \"hv-node-01\"",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         }
                     *       ],
                     *       "error": null,
                     *       "result": null,
                     *       "createdAt": "2026-03-02T10:15:00.020Z",
                     *       "startedAt": "2026-03-02T10:15:00.110Z",
                     *       "finishedAt": "2026-03-02T10:15:02.500Z",
                     *       "requestedBy": "ops-key",
                     *       "version": 4
                     *     }
                     */
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description The job is recorded; `Location` is the job to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1042,
                     *       "resource": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *         "href": "/v1/vms/0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`OPERATION_PENDING`: The resource is busy with another job; wait for it or cancel it (`details.jobId`)<br>`INVALID_REPLICATION_STATE`: The replication state does not allow the request (`details`: state, allowed)<br>`TEST_FAILOVER_RUNNING`: A test failover VM exists; stop the test failover first */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    ReplicationController_suspend: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Under `Prefer: wait`: the job ended in time (it may have Failed; see `error`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "kind": "suspend-replication",
                     *       "status": "Succeeded",
                     *       "progress": 100,
                     *       "attempt": 1,
                     *       "target": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       },
                     *       "steps": [
                     *         {
                     *           "name": "Suspend replication of web01 to hv-dr-01",
                     *           "powershell": "Suspend-VMReplication -VMName \"web01\" -ComputerName \"hv-node-01\"",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         }
                     *       ],
                     *       "error": null,
                     *       "result": null,
                     *       "createdAt": "2026-03-02T10:15:00.020Z",
                     *       "startedAt": "2026-03-02T10:15:00.110Z",
                     *       "finishedAt": "2026-03-02T10:15:02.500Z",
                     *       "requestedBy": "ops-key",
                     *       "version": 4
                     *     }
                     */
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description The job is recorded; `Location` is the job to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1042,
                     *       "resource": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *         "href": "/v1/vms/0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`OPERATION_PENDING`: The resource is busy with another job; wait for it or cancel it (`details.jobId`)<br>`INVALID_REPLICATION_STATE`: The replication state does not allow the request (`details`: state, allowed) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    ReplicationController_resume: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Under `Prefer: wait`: the job ended in time (it may have Failed; see `error`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "kind": "resume-replication",
                     *       "status": "Succeeded",
                     *       "progress": 100,
                     *       "attempt": 1,
                     *       "target": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       },
                     *       "steps": [
                     *         {
                     *           "name": "Resume replication of web01 to hv-dr-01",
                     *           "powershell": "Resume-VMReplication -VMName \"web01\" -ComputerName \"hv-node-01\"",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         }
                     *       ],
                     *       "error": null,
                     *       "result": null,
                     *       "createdAt": "2026-03-02T10:15:00.020Z",
                     *       "startedAt": "2026-03-02T10:15:00.110Z",
                     *       "finishedAt": "2026-03-02T10:15:02.500Z",
                     *       "requestedBy": "ops-key",
                     *       "version": 4
                     *     }
                     */
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description The job is recorded; `Location` is the job to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1042,
                     *       "resource": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *         "href": "/v1/vms/0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`OPERATION_PENDING`: The resource is busy with another job; wait for it or cancel it (`details.jobId`)<br>`INVALID_REPLICATION_STATE`: The replication state does not allow the request (`details`: state, allowed) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    ReplicationController_resynchronize: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Under `Prefer: wait`: the job ended in time (it may have Failed; see `error`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "kind": "resynchronize-replication",
                     *       "status": "Succeeded",
                     *       "progress": 100,
                     *       "attempt": 1,
                     *       "target": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       },
                     *       "steps": [
                     *         {
                     *           "name": "Resynchronize web01 with hv-dr-01 (60 GB compared)",
                     *           "powershell": "Resume-VMReplication -VMName \"web01\" -Resynchronize -ComputerName \"hv-node-01\"",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         }
                     *       ],
                     *       "error": null,
                     *       "result": null,
                     *       "createdAt": "2026-03-02T10:15:00.020Z",
                     *       "startedAt": "2026-03-02T10:15:00.110Z",
                     *       "finishedAt": "2026-03-02T10:15:02.500Z",
                     *       "requestedBy": "ops-key",
                     *       "version": 4
                     *     }
                     */
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description The job is recorded; `Location` is the job to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1042,
                     *       "resource": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *         "href": "/v1/vms/0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`OPERATION_PENDING`: The resource is busy with another job; wait for it or cancel it (`details.jobId`)<br>`INVALID_REPLICATION_STATE`: The replication state does not allow the request (`details`: state, allowed) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    ReplicationController_planned: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Under `Prefer: wait`: the job ended in time (it may have Failed; see `error`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "kind": "planned-failover",
                     *       "status": "Succeeded",
                     *       "progress": 100,
                     *       "attempt": 1,
                     *       "target": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       },
                     *       "steps": [
                     *         {
                     *           "name": "Prepare the planned failover on hv-node-01: send the last changes of web01",
                     *           "powershell": "Start-VMFailover -VMName \"web01\" -Prepare -ComputerName \"hv-node-01\"",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         },
                     *         {
                     *           "name": "Fail web01 over to hv-dr-01",
                     *           "powershell": "Start-VMFailover -VMName \"web01\" -ComputerName \"hv-dr-01\"",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         },
                     *         {
                     *           "name": "Reverse replication: hv-dr-01 replicates web01 to hv-node-01",
                     *           "powershell": "Set-VMReplication -VMName \"web01\" -Reverse -ComputerName \"hv-dr-01\"",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         },
                     *         {
                     *           "name": "Start web01 on hv-dr-01",
                     *           "powershell": "Start-VM -Name \"web01\" -ComputerName \"hv-dr-01\"",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         }
                     *       ],
                     *       "error": null,
                     *       "result": null,
                     *       "createdAt": "2026-03-02T10:15:00.020Z",
                     *       "startedAt": "2026-03-02T10:15:00.110Z",
                     *       "finishedAt": "2026-03-02T10:15:02.500Z",
                     *       "requestedBy": "ops-key",
                     *       "version": 4
                     *     }
                     */
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description The job is recorded; `Location` is the job to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1042,
                     *       "resource": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *         "href": "/v1/vms/0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`OPERATION_PENDING`: The resource is busy with another job; wait for it or cancel it (`details.jobId`)<br>`INVALID_REPLICATION_STATE`: The replication state does not allow the request (`details`: state, allowed)<br>`INVALID_VM_STATE`: The VM's power state does not allow the command (`details`: state, allowed)<br>`TEST_FAILOVER_RUNNING`: A test failover VM exists; stop the test failover first */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    ReplicationController_failover: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecoveryPointChoiceDto"];
            };
        };
        responses: {
            /** @description Under `Prefer: wait`: the job ended in time (it may have Failed; see `error`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "kind": "unplanned-failover",
                     *       "status": "Succeeded",
                     *       "progress": 100,
                     *       "attempt": 1,
                     *       "target": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       },
                     *       "steps": [
                     *         {
                     *           "name": "Fail web01 over on hv-dr-01 to recovery point f0e1d2c3-b4a5-4697-8879-6a5b4c3d2e1f (hv-node-01 is not asked)",
                     *           "powershell": "Start-VMFailover -VMRecoverySnapshot (Get-VMSnapshot -VMName \"web01\" -SnapshotType Replica -ComputerName \"hv-dr-01\" | Where-Object Id -eq \"f0e1d2c3-b4a5-4697-8879-6a5b4c3d2e1f\") -Confirm:$false",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         },
                     *         {
                     *           "name": "Start web01 on hv-dr-01",
                     *           "powershell": "Start-VM -Name \"web01\" -ComputerName \"hv-dr-01\"",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         }
                     *       ],
                     *       "error": null,
                     *       "result": null,
                     *       "createdAt": "2026-03-02T10:15:00.020Z",
                     *       "startedAt": "2026-03-02T10:15:00.110Z",
                     *       "finishedAt": "2026-03-02T10:15:02.500Z",
                     *       "requestedBy": "ops-key",
                     *       "version": 4
                     *     }
                     */
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description The job is recorded; `Location` is the job to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1042,
                     *       "resource": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *         "href": "/v1/vms/0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`OPERATION_PENDING`: The resource is busy with another job; wait for it or cancel it (`details.jobId`)<br>`INVALID_REPLICATION_STATE`: The replication state does not allow the request (`details`: state, allowed)<br>`NO_RECOVERY_POINT`: No recovery point exists yet: wait for the initial replication<br>`TEST_FAILOVER_RUNNING`: A test failover VM exists; stop the test failover first */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    ReplicationController_commit: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Under `Prefer: wait`: the job ended in time (it may have Failed; see `error`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "kind": "commit-failover",
                     *       "status": "Succeeded",
                     *       "progress": 100,
                     *       "attempt": 1,
                     *       "target": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       },
                     *       "steps": [
                     *         {
                     *           "name": "Commit the failover of web01 to recovery point f0e1d2c3-b4a5-4697-8879-6a5b4c3d2e1f",
                     *           "powershell": "Complete-VMFailover -VMName \"web01\" -ComputerName \"hv-dr-01\" -Confirm:$false",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         }
                     *       ],
                     *       "error": null,
                     *       "result": null,
                     *       "createdAt": "2026-03-02T10:15:00.020Z",
                     *       "startedAt": "2026-03-02T10:15:00.110Z",
                     *       "finishedAt": "2026-03-02T10:15:02.500Z",
                     *       "requestedBy": "ops-key",
                     *       "version": 4
                     *     }
                     */
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description The job is recorded; `Location` is the job to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1042,
                     *       "resource": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *         "href": "/v1/vms/0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`OPERATION_PENDING`: The resource is busy with another job; wait for it or cancel it (`details.jobId`)<br>`INVALID_REPLICATION_STATE`: The replication state does not allow the request (`details`: state, allowed) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    ReplicationController_testFailover: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecoveryPointChoiceDto"];
            };
        };
        responses: {
            /** @description Under `Prefer: wait`: the job ended in time (it may have Failed; see `error`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "kind": "start-test-failover",
                     *       "status": "Succeeded",
                     *       "progress": 100,
                     *       "attempt": 1,
                     *       "target": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       },
                     *       "steps": [
                     *         {
                     *           "name": "Create test VM web01 - Test on hv-dr-01 from recovery point f0e1d2c3-b4a5-4697-8879-6a5b4c3d2e1f",
                     *           "powershell": "Start-VMFailover -AsTest -VMRecoverySnapshot (Get-VMSnapshot -VMName \"web01\" -SnapshotType Replica -ComputerName \"hv-dr-01\" | Where-Object Id -eq \"f0e1d2c3-b4a5-4697-8879-6a5b4c3d2e1f\") -Confirm:$false",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         },
                     *         {
                     *           "name": "Start test VM web01 - Test",
                     *           "powershell": "Start-VM -Name \"web01 - Test\" -ComputerName \"hv-dr-01\"",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         }
                     *       ],
                     *       "error": null,
                     *       "result": null,
                     *       "createdAt": "2026-03-02T10:15:00.020Z",
                     *       "startedAt": "2026-03-02T10:15:00.110Z",
                     *       "finishedAt": "2026-03-02T10:15:02.500Z",
                     *       "requestedBy": "ops-key",
                     *       "version": 4
                     *     }
                     */
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description The job is recorded; `Location` is the job to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1042,
                     *       "resource": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *         "href": "/v1/vms/0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`OPERATION_PENDING`: The resource is busy with another job; wait for it or cancel it (`details.jobId`)<br>`INVALID_REPLICATION_STATE`: The replication state does not allow the request (`details`: state, allowed)<br>`TEST_FAILOVER_RUNNING`: A test failover VM exists; stop the test failover first<br>`NO_RECOVERY_POINT`: No recovery point exists yet: wait for the initial replication */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: The body is not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    ReplicationController_stopTestFailover: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Under `Prefer: wait`: the job ended in time (it may have Failed; see `error`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "kind": "stop-test-failover",
                     *       "status": "Succeeded",
                     *       "progress": 100,
                     *       "attempt": 1,
                     *       "target": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       },
                     *       "steps": [
                     *         {
                     *           "name": "Stop the test failover of web01 on hv-dr-01 and remove its test VM",
                     *           "powershell": "Stop-VMFailover -VMName \"web01\" -ComputerName \"hv-dr-01\"",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         }
                     *       ],
                     *       "error": null,
                     *       "result": null,
                     *       "createdAt": "2026-03-02T10:15:00.020Z",
                     *       "startedAt": "2026-03-02T10:15:00.110Z",
                     *       "finishedAt": "2026-03-02T10:15:02.500Z",
                     *       "requestedBy": "ops-key",
                     *       "version": 4
                     *     }
                     */
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description The job is recorded; `Location` is the job to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1042,
                     *       "resource": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *         "href": "/v1/vms/0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`OPERATION_PENDING`: The resource is busy with another job; wait for it or cancel it (`details.jobId`)<br>`INVALID_REPLICATION_STATE`: The replication state does not allow the request (`details`: state, allowed)<br>`NO_TEST_FAILOVER`: No test failover is running */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
    ReplicationController_reverse: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes a retry safe: a repeat with the same key and body gets the first answer (kept 24 h); the same key with another body is `422 IDEMPOTENCY_KEY_REUSED` */
                "Idempotency-Key"?: string;
                /** @description The `ETag` of the resource as last read (`"<version>"`); a newer version is `412 VERSION_CONFLICT` */
                "If-Match"?: string;
                /** @description `wait=<seconds>` (at most 60): answer `200` with the finished job if it ends within that time, else `202` as without it */
                Prefer?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Under `Prefer: wait`: the job ended in time (it may have Failed; see `error`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "kind": "reverse-replication",
                     *       "status": "Succeeded",
                     *       "progress": 100,
                     *       "attempt": 1,
                     *       "target": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       },
                     *       "steps": [
                     *         {
                     *           "name": "Reverse replication: hv-dr-01 replicates web01 to hv-node-01",
                     *           "powershell": "Set-VMReplication -VMName \"web01\" -Reverse -ReplicaServerName \"hv-node-01\" -ComputerName \"hv-dr-01\"",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         },
                     *         {
                     *           "name": "Send the initial copy (60 GB) to hv-node-01",
                     *           "powershell": "Start-VMInitialReplication -VMName \"web01\" -ComputerName \"hv-dr-01\"",
                     *           "status": "Succeeded",
                     *           "startedAt": "2026-03-02T10:15:00.120Z",
                     *           "finishedAt": "2026-03-02T10:15:02.480Z"
                     *         }
                     *       ],
                     *       "error": null,
                     *       "result": null,
                     *       "createdAt": "2026-03-02T10:15:00.020Z",
                     *       "startedAt": "2026-03-02T10:15:00.110Z",
                     *       "finishedAt": "2026-03-02T10:15:02.500Z",
                     *       "requestedBy": "ops-key",
                     *       "version": 4
                     *     }
                     */
                    "application/json": components["schemas"]["JobDto"];
                };
            };
            /** @description The job is recorded; `Location` is the job to follow */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "3f1d2c4b-6a5e-4d7c-8b9a-0e1f2a3b4c5d",
                     *       "status": "Queued",
                     *       "position": 1042,
                     *       "resource": {
                     *         "type": "vm",
                     *         "id": "0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11",
                     *         "href": "/v1/vms/0b5c6f1e-8d4e-4c39-9a51-3f0b8f0d2c11"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AcceptedDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is malformed; `errors[]` names each field and what is wrong with it */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `UNAUTHENTICATED`: No bearer key, or a key that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `FORBIDDEN`: The key's role may not do this, or the tenant is not one of the key's tenants */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `NOT_FOUND`: The resource does not exist (or belongs to another tenant than the key's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `REQUEST_IN_PROGRESS`: A request with the same Idempotency-Key is still being answered<br>`OPERATION_PENDING`: The resource is busy with another job; wait for it or cancel it (`details.jobId`)<br>`INVALID_REPLICATION_STATE`: The replication state does not allow the request (`details`: state, allowed)<br>`CONFIG_VERSION_UNSUPPORTED`: The host, a node of the cluster or the replica host cannot run this configuration version<br>`HOST_NOT_AVAILABLE`: The host or node is not Up (or is paused, isolated, down or quarantined) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `VERSION_CONFLICT`: If-Match named an older version than the resource has (409 without If-Match when it kept changing); the answer carries the current ETag */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `IDEMPOTENCY_KEY_REUSED`: This Idempotency-Key was used before with another request body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `RATE_LIMITED`: Too many requests for this key; retry after Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: PostgreSQL or Redis did not answer; retry after Retry-After with the same Idempotency-Key */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDocumentDto"];
                };
            };
        };
    };
}
