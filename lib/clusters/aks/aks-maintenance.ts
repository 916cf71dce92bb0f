import type { KubernetesClusterMaintenanceWindowAutoUpgrade } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { IConstruct } from 'constructs';
import { checkNumber, invalid, show } from '../../core/errors';

/**
 * A weekly planned-maintenance window for an AKS cluster: Kubernetes patch upgrades
 * (`aksManagedAutoUpgradeSchedule`) and node OS image upgrades
 * (`aksManagedNodeOSUpgradeSchedule`) start only inside it.
 * See https://learn.microsoft.com/azure/aks/planned-maintenance
 */
export interface AksMaintenanceWindow {
  /** Day of the week the window opens: `Monday` … `Sunday`. */
  readonly dayOfWeek: string;
  /** Time of day the window opens, `HH:mm` (24-hour), in `utcOffset`. */
  readonly startTime: string;
  /**
   * Length of the window in hours; AKS needs at least 4.
   * @default 4
   */
  readonly durationHours?: number;
  /**
   * Offset of `startTime` from UTC, `+HH:mm` or `-HH:mm`.
   * @default '+00:00'
   */
  readonly utcOffset?: string;
}

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const KIND = 'aksCluster';

/**
 * The schedule both maintenance blocks of `azurerm_kubernetes_cluster` take
 * (`maintenance_window_auto_upgrade`, `maintenance_window_node_os`): weekly, every week.
 * Fails with the construct path, the value and what is accepted.
 */
export function aksMaintenanceSchedule(scope: IConstruct, window: AksMaintenanceWindow): KubernetesClusterMaintenanceWindowAutoUpgrade {
  if (!DAYS.includes(window.dayOfWeek)) {
    invalid(KIND, scope, `maintenanceWindow.dayOfWeek ${show(window.dayOfWeek)} is not a day; use one of ${DAYS.join(', ')}`);
  }
  if (typeof window.startTime !== 'string' || !/^([01]\d|2[0-3]):[0-5]\d$/.test(window.startTime)) {
    invalid(KIND, scope, `maintenanceWindow.startTime ${show(window.startTime)} is not a time of day; use HH:mm, 24-hour (e.g. '02:00')`);
  }
  checkNumber(KIND, scope, 'maintenanceWindow.durationHours', window.durationHours, { min: 4, max: 24, unit: 'hours' });
  const utcOffset = window.utcOffset ?? '+00:00';
  if (typeof utcOffset !== 'string' || !/^[+-](0\d|1[0-4]):[0-5]\d$/.test(utcOffset)) {
    invalid(KIND, scope, `maintenanceWindow.utcOffset ${show(window.utcOffset)} is not an offset from UTC; use +HH:mm or -HH:mm (e.g. '+01:00')`);
  }
  return {
    frequency: 'Weekly',
    interval: 1,
    dayOfWeek: window.dayOfWeek,
    startTime: window.startTime,
    duration: window.durationHours ?? 4,
    utcOffset,
  };
}
